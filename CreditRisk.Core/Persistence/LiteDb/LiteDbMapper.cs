using System.Globalization;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// The one <see cref="BsonMapper"/> the LiteDB adapter uses. A dedicated instance (never <see cref="BsonMapper.Global"/>)
/// so nothing else in the process can change how CreditRisk documents are stored.
/// </summary>
internal static class LiteDbMapper
{
    private const string DateOnlyFormat = "yyyy-MM-dd";

    /// <summary>Every type stored as a document, nested ones and dictionaries included.</summary>
    private static readonly Type[] DocumentTypes =
    [
        typeof(Customer), typeof(Transaction), typeof(Statement), typeof(BehaviorProfile), typeof(DailyActivity),
        typeof(CycleSummary), typeof(RiskAssessment), typeof(CustomerRisk), typeof(Alert), typeof(ModelVersion),
        typeof(AppUser), typeof(AppRole), typeof(ApiKey), typeof(AuditEntry), typeof(DevelopmentMessage), typeof(InboundMessage),
        typeof(Dictionary<string, int>), typeof(Dictionary<string, string>), typeof(Dictionary<string, double>),
        typeof(Dictionary<string, Dictionary<string, double>>),
    ];

    /// <summary>Every list type inside those documents.</summary>
    private static readonly Type[] ListTypes =
    [
        typeof(List<string>), typeof(List<DailyActivity>), typeof(List<CycleSummary>), typeof(List<FeatureValue>), typeof(List<RuleHit>),
    ];

    public static BsonMapper Create()
    {
        var mapper = new BsonMapper
        {
            // Round-trips must be exact: LiteDB would otherwise trim strings and turn "" into null.
            TrimWhitespace = false,
            EmptyStringToNull = false,
            EnumAsInteger = false,
            SerializeNullValues = false,
        };

        // BSON dates keep milliseconds; truncating here (instead of LiteDB's rounding) matches MongoDB.
        mapper.RegisterType(
            value => new BsonValue(TruncateToMilliseconds(value.UtcDateTime)),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));

        // ISO strings sort chronologically and read well in a database browser.
        mapper.RegisterType(
            value => new BsonValue(value.ToString(DateOnlyFormat, CultureInfo.InvariantCulture)),
            bson => DateOnly.ParseExact(bson.AsString, DateOnlyFormat, CultureInfo.InvariantCulture));

        // Positional records have no parameterless constructor, which LiteDB needs.
        mapper.RegisterType(
            value => new BsonDocument
            {
                ["Name"] = value.Name,
                ["Value"] = value.Value is { } v ? new BsonValue(v) : BsonValue.Null,
            },
            bson => new FeatureValue(bson["Name"].AsString, bson["Value"].IsNull ? null : bson["Value"].AsDouble));
        mapper.RegisterType(
            value => new BsonDocument
            {
                ["RuleId"] = value.RuleId,
                ["Band"] = value.Band.ToString(),
                ["Reason"] = value.Reason,
            },
            bson => new RuleHit(bson["RuleId"].AsString, Enum.Parse<RiskBand>(bson["Band"].AsString), bson["Reason"].AsString));

        mapper.Entity<BehaviorProfile>().Id(x => x.CustomerId, autoId: false);
        mapper.Entity<CustomerRisk>().Id(x => x.CustomerId, autoId: false);

        // Model bytes live in their own chunk collection so listing versions never loads them.
        mapper.Entity<ModelVersion>().Ignore(x => x.ModelBytes);

        Warm(mapper);
        return mapper;
    }

    /// <summary>
    /// LiteDB fills its type-mapping and constructor caches on first use, from plain dictionaries that are not safe
    /// when two threads fill them at once, so every mapping is built here, before the store is shared.
    /// </summary>
    private static void Warm(BsonMapper mapper)
    {
        foreach (var type in DocumentTypes)
        {
            _ = mapper.Deserialize(type, new BsonDocument());
        }

        foreach (var type in ListTypes)
        {
            _ = mapper.Deserialize(type, new BsonArray());
        }
    }

    public static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
