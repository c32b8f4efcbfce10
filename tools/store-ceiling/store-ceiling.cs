#:package LiteDB
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// LiteDB's own cost, on this machine, of each document operation the durable pipeline makes per transaction, with
// documents shaped and indexed like CreditRisk's, in batches of 100 per commit: the ceiling any pipeline on the
// embedded store meets, whatever it computes. Not a test: figures depend on the machine.
// Usage: dotnet run tools/store-ceiling/store-ceiling.cs -- [documents=20000]
using System.Diagnostics;
using LiteDB;

var n = args.Length > 0 ? int.Parse(args[0]) : 20_000;
const int batch = 100;
var dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "creditrisk-ceiling-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
try
{
    using var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(dir, "c.db"), Connection = ConnectionType.Direct, Collation = Collation.Binary });
    var transactions = db.GetCollection("transactions");
    transactions.EnsureIndex("_customerTime", "$._customerTime");
    transactions.EnsureIndex("_pending", "$._pending");
    var profiles = db.GetCollection("behavior_profiles");
    var history = db.GetCollection("risk_assessments");
    history.EnsureIndex("_customerTime", "$._customerTime");
    history.EnsureIndex("_bandChangedAt", "$._bandChangedAt");
    var current = db.GetCollection("customer_risk");
    foreach (var (name, expression) in new[] { ("Band", "$.Band"), ("Score", "$.Score"), ("_bandScore", "$._bandScore"), ("RuleIds", "$.RuleIds[*]"), ("AssessedAt", "$.AssessedAt") })
    {
        current.EnsureIndex(name, expression);
    }

    var random = new Random(7);
    var now = DateTime.UtcNow;
    string Customer(int i) => $"c{i:D7}";
    BsonDocument Transaction(int i) => new()
    {
        ["_id"] = $"tx{i:D9}", ["CustomerId"] = Customer(i), ["Timestamp"] = now.AddSeconds(i), ["ReceivedAt"] = now, ["Amount"] = 42.5m,
        ["Currency"] = "INR", ["Type"] = "Purchase", ["MerchantId"] = $"m{i % 500}", ["MerchantCategory"] = "grocery",
        ["_customerTime"] = $"{Customer(i)}\u241f{now.AddSeconds(i):O}\u241ftx{i:D9}", ["_pending"] = $"{Customer(i)}\u241f{now:O}\u241ftx{i:D9}",
    };
    BsonDocument Profile(int i) => new() { ["_id"] = Customer(i), ["Version"] = 1L, ["UpdatedAt"] = now, ["Data"] = RandomBytes(3_000) };
    BsonDocument History(int i) => new()
    {
        ["_id"] = $"ra{i:D9}", ["CustomerId"] = Customer(i), ["AssessedAt"] = now.AddSeconds(i), ["Trigger"] = "transaction",
        ["_featureSet"] = "0123456789ABCDEF", ["_features"] = RandomBytes(14 * 8), ["LogisticProbability"] = 0.1, ["TreeProbability"] = 0.2,
        ["EnsembleProbability"] = 0.14, ["ModelBand"] = "Medium", ["RuleBand"] = "High", ["Band"] = "High", ["PreviousBand"] = "Medium",
        ["RuleHits"] = new BsonArray { new BsonDocument { ["RuleId"] = "utilisation-high", ["Band"] = "High", ["Reason"] = "Utilisation is 93.5% of the limit" } },
        ["Reasons"] = new BsonArray { "Utilisation is 93.5% of the limit", "Model: 14% chance of 30+ days past due within 90 days" },
        ["ModelVersion"] = "20261126-101500-a1b2", ["_customerTime"] = $"{Customer(i)}\u241f{now.AddSeconds(i):O}\u241fra{i:D9}", ["_bandChangedAt"] = BsonValue.Null,
    };
    BsonDocument Current(int i) => new()
    {
        ["_id"] = Customer(i), ["AssessmentId"] = $"ra{i:D9}", ["AssessedAt"] = now.AddSeconds(random.Next()), ["Band"] = "High", ["Score"] = random.NextDouble(),
        ["Reasons"] = new BsonArray { "Utilisation is 93.5% of the limit", "Model: 14% chance of 30+ days past due within 90 days" },
        ["RuleIds"] = new BsonArray { "utilisation-high" }, ["ModelVersion"] = "20261126-101500-a1b2", ["_bandScore"] = 20 + random.NextDouble(),
    };
    byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    double Time(Action<int> perDocument)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < n; start += batch)
        {
            db.BeginTrans();
            for (var i = start; i < start + batch; i++)
            {
                perDocument(i);
            }

            db.Commit();
        }

        return stopwatch.Elapsed.TotalMicroseconds / n;
    }

    // Populate first so every timed operation works on collections of n documents, as in a running store.
    Time(i => { profiles.Insert(Profile(i)); current.Insert(Current(i)); });
    var figures = new (string What, double Microseconds)[]
    {
        ("transaction insert (idempotency id + 2 indexes)", Time(i => transactions.Insert(Transaction(i)))),
        ("profile read (by customer id)", Time(i => profiles.FindById(Customer(i)))),
        ("profile update (3 KB compact bytes)", Time(i => profiles.Update(Profile(i)))),
        ("assessment history insert (2 indexes)", Time(i => history.Insert(History(i)))),
        ("current-risk update (5 indexes)", Time(i => current.Upsert(Current(i)))),
        ("applied-marker update of the transaction", Time(i => { var doc = Transaction(i); doc.Remove("_pending"); transactions.Update(doc); })),
        ("already-applied check (transaction read)", Time(i => transactions.FindById($"tx{i:D9}"))),
    };

    foreach (var (what, microseconds) in figures)
    {
        Console.WriteLine($"{what,-50} {microseconds,8:N1} µs");
    }

    var total = figures.Sum(f => f.Microseconds);
    Console.WriteLine($"{"per transaction",-50} {total,8:N1} µs  → at most {1_000_000 / total:N0} tx/s with LiteDB's writes on one thread");
}
finally
{
    Directory.Delete(dir, recursive: true);
}
