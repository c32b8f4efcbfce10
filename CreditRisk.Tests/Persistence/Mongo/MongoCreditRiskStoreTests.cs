using CreditRisk.Core.Alerts;
using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.Mongo;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Transactions;
using MongoDB.Bson;
using MongoDB.Driver;
using static CreditRisk.Tests.Persistence.Mongo.MongoTestData;

namespace CreditRisk.Tests.Persistence.Mongo;

/// <summary>Mongo-specific behaviour: the stored BSON shape, duplicate handling and indexes. Portable behaviour is in the contract suite.</summary>
[Collection(MongoTestServerCollection.Name)]
public sealed class MongoCreditRiskStoreTests(MongoTestServer server) : IAsyncLifetime
{
    private MongoCreditRiskStore _store = null!;
    private IMongoDatabase _database = null!;

    public async Task InitializeAsync()
    {
        var name = server.NewDatabaseName();
        _store = new MongoCreditRiskStore(server.ConnectionString, name, TimeSpan.FromSeconds(10));
        await _store.InitializeAsync();
        _database = new MongoClient(server.ConnectionString).GetDatabase(name);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<BsonDocument> RawAsync(string collection, string id) =>
        _database.GetCollection<BsonDocument>(collection).Find(new BsonDocument("_id", id)).FirstAsync();

    [Fact]
    public async Task Assessments_DocumentsWrittenBeforeTheComputedTime_LoadWithoutIt()
    {
        var assessment = Builders.A.Assessment("ra-1", "c1") with { ComputedAt = T0.AddHours(1) };
        await _store.Assessments.AddManyAsync([assessment]);
        Assert.Equal(BsonType.DateTime, (await RawAsync(MongoRiskAssessmentRepository.HistoryCollectionName, "ra-1"))["computedAt"].BsonType);

        // An earlier version wrote no such field at all.
        var unset = new BsonDocument("$unset", new BsonDocument("computedAt", ""));
        await _database.GetCollection<BsonDocument>(MongoRiskAssessmentRepository.HistoryCollectionName).UpdateOneAsync(new BsonDocument("_id", "ra-1"), unset);
        await _database.GetCollection<BsonDocument>(MongoRiskAssessmentRepository.CurrentCollectionName).UpdateOneAsync(new BsonDocument("_id", "c1"), unset);

        var latest = await _store.Assessments.GetLatestAsync("c1");
        Assert.Equal((assessment.AssessedAt, (DateTimeOffset?)null), (latest!.AssessedAt, latest.ComputedAt));
        var current = (await _store.Assessments.GetCurrentManyAsync(["c1"]))["c1"];
        Assert.Equal((assessment.AssessedAt, (DateTimeOffset?)null), (current.AssessedAt, current.ComputedAt));
    }

    [Fact]
    public async Task CustomersUpsertMany_NewCustomer_StoresCamelCaseDecimal128DateStringAndUtcDate()
    {
        var customer = Customer("c1");

        await _store.Customers.UpsertManyAsync([customer]);

        var raw = await RawAsync(MongoCustomerRepository.CollectionName, "c1");
        Assert.Equal(BsonType.Decimal128, raw["creditLimit"].BsonType);
        Assert.Equal(150000.75m, raw["creditLimit"].AsDecimal);
        Assert.Equal("2019-07-01", raw["openedOn"].AsString);
        Assert.Equal(BsonType.DateTime, raw["whatsAppOptInAt"].BsonType);
        Assert.Equal(T0.UtcDateTime, raw["whatsAppOptInAt"].ToUniversalTime());
        Assert.False(raw.Contains("id"));
        Assert.Equal(customer, await _store.Customers.GetAsync("c1"));
    }

    [Fact]
    public async Task TransactionsInsertNew_NonUtcOffset_StoresEnumAsStringAndInstantAsUtcDate()
    {
        var local = Transaction("t1") with { Timestamp = T0.ToOffset(TimeSpan.FromHours(5.5)) };

        await _store.Transactions.InsertNewAsync([local]);

        var raw = await RawAsync(MongoTransactionRepository.CollectionName, "t1");
        Assert.Equal("CashWithdrawal", raw["type"].AsString);
        Assert.Equal(BsonType.DateTime, raw["timestamp"].BsonType);
        var stored = (await _store.Transactions.GetManyAsync(["t1"]))["t1"];
        Assert.Equal(T0, stored.Timestamp);
        Assert.Equal(TimeSpan.Zero, stored.Timestamp.Offset);
        Assert.Equal(1234.56m, stored.Amount);
    }

    [Fact]
    public async Task TransactionsInsertNew_ExistingAndRepeatedIds_ReturnsOnlyTheNewOnes()
    {
        await _store.Transactions.InsertNewAsync([Transaction("t1"), Transaction("t2")]);

        var inserted = await _store.Transactions.InsertNewAsync(
            [Transaction("t2"), Transaction("t3"), Transaction("t3", minutes: 5), Transaction("t1"), Transaction("t4")]);

        Assert.Equal(["t3", "t4"], inserted.Select(t => t.Id));
        Assert.Equal(4, await _store.Transactions.CountAsync());
        Assert.Equal(T0, (await _store.Transactions.GetManyAsync(["t3"]))["t3"].Timestamp);
    }

    [Fact]
    public async Task TransactionsInsertNew_ConcurrentOverlappingBatches_EachIdReportedNewExactlyOnce()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"t{i:D2}").ToList();
        var batches = Enumerable.Range(0, 6)
            .Select(b => ids.Where((_, i) => (i + b) % 3 != 0).Select(id => Transaction(id)).ToList())
            .ToList();

        var results = await Task.WhenAll(batches.Select(b => _store.Transactions.InsertNewAsync(b)));

        var reported = results.SelectMany(r => r.Select(t => t.Id)).ToList();
        Assert.Equal(reported.Count, reported.Distinct().Count());
        Assert.Equal(ids, reported.Order());
        Assert.Equal(ids.Count, await _store.Transactions.CountAsync());
    }

    [Fact]
    public async Task ProfilesTrySave_NestedDaysAndCycles_RoundTripsWithCustomerIdAsDocumentId()
    {
        var profile = new BehaviorProfile
        {
            CustomerId = "c1",
            UpdatedAt = T0,
            Days =
            [
                new DailyActivity
                {
                    Day = new DateOnly(2025, 3, 14),
                    Purchases = 10.10m,
                    PurchaseCount = 2,
                    MerchantCategoryCounts = CategoryCounts.Of(("5411", 2)),
                },
            ],
            Cycles = [new CycleSummary { StatementDate = new DateOnly(2025, 2, 28), CreditLimit = 1000m, Balance = 950m, MinimumDue = null, AmountPaid = 0m, DaysPastDue = 31 }],
        };

        Assert.True(await _store.Profiles.TrySaveAsync(profile, 0));

        var raw = await RawAsync(MongoBehaviorProfileRepository.CollectionName, "c1");
        Assert.False(raw.Contains("customerId"));
        Assert.Equal("2025-03-14", raw["days"][0]["day"].AsString);
        Assert.Equal(BsonType.Decimal128, raw["days"][0]["purchases"].BsonType);
        var stored = await _store.Profiles.GetAsync("c1");
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(2, stored.Days[0].MerchantCategoryCounts["5411"]);
        Assert.Equal((profile.Days[0].Day, 10.10m, 2), (stored.Days[0].Day, stored.Days[0].Purchases, stored.Days[0].PurchaseCount));
        Assert.Equal(2, raw["days"][0]["merchantCategoryCounts"]["5411"].AsInt32);
        Assert.Equal(profile.Cycles, stored.Cycles);
    }

    [Fact]
    public async Task ProfilesTrySave_TwoFirstSavesOfOneCustomer_OnlyOneWins()
    {
        var profile = new BehaviorProfile { CustomerId = "c1", UpdatedAt = T0 };

        var first = await _store.Profiles.TrySaveAsync(profile, 0);
        var second = await _store.Profiles.TrySaveAsync(profile with { UpdatedAt = T0.AddSeconds(1) }, 0);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(T0, (await _store.Profiles.GetAsync("c1"))!.UpdatedAt);
    }

    [Fact]
    public async Task AssessmentsAddMany_Assessment_StoresBandsAsStringsAndKeysCurrentRiskByCustomer()
    {
        await _store.Assessments.AddManyAsync([Assessment("a1", "c1", RiskBand.High, 0.91)]);

        var raw = await RawAsync(MongoRiskAssessmentRepository.HistoryCollectionName, "a1");
        Assert.Equal("High", raw["band"].AsString);
        Assert.Equal("Low", raw["previousBand"].AsString);
        Assert.Equal("High", raw["ruleHits"][0]["band"].AsString);
        Assert.Equal(BsonNull.Value, raw["features"][1]["value"]);
        var current = await RawAsync(MongoRiskAssessmentRepository.CurrentCollectionName, "c1");
        Assert.Equal("a1", current["assessmentId"].AsString);
        Assert.Equal(0.91, current["score"].AsDouble);
        var latest = await _store.Assessments.GetLatestAsync("c1");
        Assert.NotNull(latest);
        Assert.Equal(Assessment("a1", "c1", RiskBand.High, 0.91).Features, latest.Features);
    }

    [Fact]
    public async Task AlertsTryAdd_SameEscalationKeyTwice_SecondRefusedButManualAlertsCoexist()
    {
        Assert.True(await _store.Alerts.TryAddAsync(Alert("al1", "esc-1")));
        Assert.False(await _store.Alerts.TryAddAsync(Alert("al2", "esc-1")));
        Assert.True(await _store.Alerts.TryAddAsync(Alert("al3", null)));
        Assert.True(await _store.Alerts.TryAddAsync(Alert("al4", null)));
        Assert.False(await _store.Alerts.TryAddAsync(Alert("al3", "esc-2")));

        var counts = await _store.Alerts.CountByStatusAsync();
        Assert.Equal(3, counts[AlertStatus.Pending]);
        Assert.Equal(0, counts[AlertStatus.Read]);
        Assert.Null(await _store.Alerts.GetAsync("al2"));
    }

    [Fact]
    public async Task AlertsTryUpdate_StaleExpectedAttempts_Refused()
    {
        var pending = Alert("al1", "esc-1");
        await _store.Alerts.TryAddAsync(pending);
        var sent = pending with { Status = AlertStatus.Sent, Attempts = 1, ProviderMessageId = "wamid.1" };
        Assert.True(await _store.Alerts.TryUpdateAsync(sent, pending));

        var lost = await _store.Alerts.TryUpdateAsync(pending with { Status = AlertStatus.Failed }, pending);

        Assert.False(lost);
        Assert.Equal(sent, await _store.Alerts.FindByProviderMessageIdAsync("wamid.1"));
    }

    [Fact]
    public async Task ModelsPromote_SecondVersion_MovesTheChampionPointerAndListOmitsBytes()
    {
        ModelVersion Version(string id, int minutes) => new()
        {
            Id = id,
            CreatedAt = T0.AddMinutes(minutes),
            CreatedBy = "cli",
            ModelBytes = [1, 2, 3],
            FeatureNames = ["utilisation"],
            Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.87 } },
        };
        await _store.Models.AddAsync(Version("m1", 0));
        await _store.Models.AddAsync(Version("m2", 1));

        Assert.True(await _store.Models.PromoteAsync("m1", T0));
        Assert.True(await _store.Models.PromoteAsync("m2", T0));
        Assert.False(await _store.Models.PromoteAsync("nope", T0));

        var pointer = await RawAsync(MongoModelRegistry.ChampionCollectionName, "champion");
        Assert.Equal("m2", pointer["modelId"].AsString);
        Assert.False((await RawAsync(MongoModelRegistry.CollectionName, "m1")).Contains("isChampion"));
        Assert.Equal([1, 2, 3], (await _store.Models.GetChampionAsync())!.ModelBytes);
        var listed = await _store.Models.ListAsync();
        Assert.Equal(["m2", "m1"], listed.Select(m => m.Id));
        Assert.All(listed, m => Assert.Empty(m.ModelBytes));
        Assert.Equal(0.87, listed[0].Metrics["ensemble"]["auc"]);
    }

    [Fact]
    public async Task ModelsGet_DocumentWrittenBeforeCurvesWereKept_LoadsWithNullCurves()
    {
        await _store.Models.AddAsync(new ModelVersion
        {
            Id = "old",
            CreatedAt = T0,
            CreatedBy = "cli",
            ModelBytes = [1],
            FeatureNames = ["utilisation"],
            Curves = Builders.A.ModelCurves(),
        });
        var versions = _database.GetCollection<BsonDocument>(MongoModelRegistry.CollectionName);
        Assert.True((await RawAsync(MongoModelRegistry.CollectionName, "old")).Contains("curves"));

        // An older registry has no such field at all, which differs from a stored null.
        await versions.UpdateOneAsync(new BsonDocument("_id", "old"), new BsonDocument("$unset", new BsonDocument("curves", "")));

        Assert.Null((await _store.Models.GetAsync("old"))!.Curves);
        Assert.Null((await _store.Models.ListAsync()).Single().Curves);
    }

    [Fact]
    public async Task ModelsGet_DocumentWrittenWithEnsembleCurvesOnly_LoadsThemAsTheEnsembleOfEachModel()
    {
        await _store.Models.AddAsync(new ModelVersion
        {
            Id = "old",
            CreatedAt = T0,
            CreatedBy = "cli",
            ModelBytes = [1],
            FeatureNames = ["utilisation"],
            Curves = Builders.A.ModelCurves(),
            CurvesByModel = Builders.A.CurvesByModel(),
        });
        Assert.True((await RawAsync(MongoModelRegistry.CollectionName, "old")).Contains("curvesByModel"));
        var versions = _database.GetCollection<BsonDocument>(MongoModelRegistry.CollectionName);

        // Versions registered when only the ensemble's curves were kept have no per-model field.
        await versions.UpdateOneAsync(new BsonDocument("_id", "old"), new BsonDocument("$unset", new BsonDocument("curvesByModel", "")));

        var loaded = await _store.Models.GetAsync("old");
        Assert.Empty(loaded!.CurvesByModel);
        Assert.Equal([ModelNames.Ensemble], loaded.CurvesOfEachModel().Keys);
        Assert.Equal(0.875, loaded.CurvesOfEachModel()[ModelNames.Ensemble].Roc[2].TruePositiveRate);
        Assert.Equal([ModelNames.Ensemble], (await _store.Models.ListAsync()).Single().CurvesOfEachModel().Keys);
    }

    [Fact]
    public async Task ModelsGet_DocumentWrittenBeforeCutoffsWereChosen_LoadsWithNoCutoffsAndNoCurve()
    {
        await _store.Models.AddAsync(new ModelVersion
        {
            Id = "old",
            CreatedAt = T0,
            CreatedBy = "cli",
            ModelBytes = [1],
            FeatureNames = ["utilisation"],
            Cutoffs = Builders.A.ChosenCutoffs(),
            BudgetCurve = Builders.A.BudgetCurve(),
        });
        var raw = await RawAsync(MongoModelRegistry.CollectionName, "old");
        Assert.True(raw.Contains("cutoffs"));
        Assert.True(raw.Contains("budgetCurve"));
        Assert.Equal("Budget", raw["cutoffs"]["basis"].AsString);
        var versions = _database.GetCollection<BsonDocument>(MongoModelRegistry.CollectionName);

        // An older registry has neither field at all.
        await versions.UpdateOneAsync(
            new BsonDocument("_id", "old"), new BsonDocument("$unset", new BsonDocument { { "cutoffs", "" }, { "budgetCurve", "" } }));

        var loaded = await _store.Models.GetAsync("old");
        Assert.Null(loaded!.Cutoffs);
        Assert.Empty(loaded.BudgetCurve);
        Assert.Null((await _store.Models.ListAsync()).Single().Cutoffs);
    }

    [Fact]
    public async Task UsersTryUpdate_UserReadBeforeWelcomeClaim_KeepsTheClaim()
    {
        var user = User("u1", "asha");
        Assert.True(await _store.Users.TryCreateAsync(user));
        Assert.True(await _store.Users.TryClaimWelcomeAsync("u1", T0));
        Assert.False(await _store.Users.TryClaimWelcomeAsync("u1", T0.AddMinutes(1)));

        var updated = await _store.Users.TryUpdateAsync(user with { PhoneNumberConfirmed = true, ConcurrencyStamp = "s2" }, user.ConcurrencyStamp);

        Assert.True(updated);
        var stored = await _store.Users.FindByIdAsync("u1");
        Assert.Equal(T0, stored!.WelcomeSentAt);
        Assert.True(stored.PhoneNumberConfirmed);
        Assert.False(await _store.Users.TryUpdateAsync(user with { ConcurrencyStamp = "s3" }, user.ConcurrencyStamp));
    }

    [Fact]
    public async Task UsersTryCreate_TakenNormalizedUserName_Refused()
    {
        Assert.True(await _store.Users.TryCreateAsync(User("u1", "asha")));

        Assert.False(await _store.Users.TryCreateAsync(User("u2", "asha")));
        Assert.False(await _store.Users.TryUpdateAsync(User("u3", "ravi"), "whatever"));
        Assert.True(await _store.Users.TryCreateAsync(User("u3", "ravi")));
        var ravi = await _store.Users.FindByIdAsync("u3");
        Assert.False(await _store.Users.TryUpdateAsync(ravi! with { NormalizedUserName = "ASHA" }, ravi!.ConcurrencyStamp));
    }

    [Fact]
    public async Task AuditList_PrefixWithRegexCharacters_MatchesLiterally()
    {
        await _store.Audit.AddAsync(new() { Id = "e1", At = T0, Actor = "cli", Action = "rules.threshold.changed" });
        await _store.Audit.AddAsync(new() { Id = "e2", At = T0.AddSeconds(1), Actor = "cli", Action = "rulesXthreshold" });
        await _store.Audit.AddAsync(new() { Id = "e3", At = T0.AddSeconds(2), Actor = "cli", Action = "rules.weights" });

        var entries = await _store.Audit.ListAsync("rules.", 0, 10);

        Assert.Equal(["e3", "e1"], entries.Select(e => e.Id));
    }

    [Fact]
    public async Task Initialize_CalledAgain_IsIdempotentAndKeepsTheIndexes()
    {
        await _store.InitializeAsync();

        var alertIndexes = await (await _database.GetCollection<BsonDocument>(MongoAlertRepository.CollectionName).Indexes.ListAsync()).ToListAsync();
        var escalation = Assert.Single(alertIndexes, i => i["key"].AsBsonDocument.Contains("escalationKey"));
        Assert.True(escalation["unique"].ToBoolean());
        Assert.Equal(new BsonDocument("escalationKey", new BsonDocument("$type", 2)), escalation["partialFilterExpression"]);
        var keyIndexes = await (await _database.GetCollection<BsonDocument>(MongoApiKeyRepository.CollectionName).Indexes.ListAsync()).ToListAsync();
        Assert.Contains(keyIndexes, i => i["key"].AsBsonDocument.Contains("keyHash") && i["unique"].ToBoolean());
        var userIndexes = await (await _database.GetCollection<BsonDocument>(MongoUserRepository.CollectionName).Indexes.ListAsync()).ToListAsync();
        Assert.Contains(userIndexes, i => i["key"].AsBsonDocument.Contains("normalizedUserName") && i["unique"].ToBoolean());
        var riskIndexes = await (await _database.GetCollection<BsonDocument>(MongoRiskAssessmentRepository.CurrentCollectionName).Indexes.ListAsync()).ToListAsync();
        Assert.Contains(riskIndexes, i => i["key"].AsBsonDocument == new BsonDocument { { "band", 1 }, { "score", -1 } });
    }

    [Fact]
    public async Task SettingsTrySave_StaleVersion_Refused()
    {
        Assert.True(await _store.Settings.TrySaveAsync("rules", "{\"a\":1}", 0, T0));
        Assert.True(await _store.Settings.TrySaveAsync("rules", "{\"a\":2}", 1, T0.AddMinutes(1)));

        Assert.False(await _store.Settings.TrySaveAsync("rules", "{\"a\":3}", 1, T0.AddMinutes(2)));
        Assert.False(await _store.Settings.TrySaveAsync("rules", "{\"a\":3}", 0, T0.AddMinutes(2)));

        Assert.Equal(new("rules", "{\"a\":2}", 2, T0.AddMinutes(1)), await _store.Settings.GetAsync("rules"));
    }
}
