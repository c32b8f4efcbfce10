using System.Globalization;
using System.Reflection;
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

    /// <summary>
    /// Every type stored as a top-level document. The types nested in them (records, lists, dictionaries) are found
    /// from their properties, so only a new stored type needs adding here.
    /// </summary>
    private static readonly Type[] DocumentTypes =
    [
        typeof(Customer), typeof(Transaction), typeof(Statement), typeof(BehaviorProfile), typeof(RiskAssessment),
        typeof(CustomerRisk), typeof(Alert), typeof(ModelVersion), typeof(AppUser), typeof(AppRole), typeof(ApiKey),
        typeof(AuditEntry), typeof(DevelopmentMessage), typeof(InboundMessage),
    ];

    /// <summary>Mapped as plain values (or by a registered converter): nothing to build for them.</summary>
    private static readonly HashSet<Type> ValueTypes =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeSpan),
        typeof(Guid), typeof(byte[]), typeof(object), typeof(BsonValue), typeof(BsonDocument), typeof(BsonArray),
        typeof(FeatureValue), typeof(RuleHit),
    ];

    // Reflection's constructor cache inside LiteDB is one static dictionary for the whole process, filled without a
    // lock on the read side: two stores warming up at once must not fill it together.
    private static readonly Lock WarmLock = new();

    /// <summary>
    /// A mapper with the mapping of every stored type built, and closed to any other type (see
    /// <see cref="PrebuiltBsonMapper"/>), so it is safe to share between threads.
    /// </summary>
    public static BsonMapper Create()
    {
        var mapper = new PrebuiltBsonMapper
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

        // Profiles written field by field by earlier versions hold a day's counts as a sub-document.
        mapper.RegisterType(
            value => new BsonDocument(value.ToDictionary(c => c.Key, c => new BsonValue(c.Value))),
            bson => CategoryCounts.Of(bson.AsDocument.Select(c => KeyValuePair.Create(c.Key, c.Value.AsInt32))));

        mapper.Entity<BehaviorProfile>().Id(x => x.CustomerId, autoId: false);
        mapper.Entity<CustomerRisk>().Id(x => x.CustomerId, autoId: false);

        // Model bytes live in their own chunk collection so listing versions never loads them.
        mapper.Entity<ModelVersion>().Ignore(x => x.ModelBytes);

        lock (WarmLock)
        {
            var built = new HashSet<Type>();
            foreach (var type in DocumentTypes)
            {
                Build(mapper, type, built);
            }
        }

        mapper.Freeze();
        return mapper;
    }

    /// <summary>
    /// Builds LiteDB's mapping of <paramref name="type"/> and of every type reachable through its public properties,
    /// by reading an empty value of each: the same code path that would otherwise build them lazily on first use.
    /// </summary>
    private static void Build(BsonMapper mapper, Type type, HashSet<Type> built)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || ValueTypes.Contains(type) || !built.Add(type))
        {
            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            _ = mapper.Deserialize(type, new BsonDocument());
            Build(mapper, valueType, built);
            return;
        }

        if (ElementType(type) is { } elementType)
        {
            _ = mapper.Deserialize(type, new BsonArray());
            Build(mapper, elementType, built);
            return;
        }

        _ = mapper.Deserialize(type, new BsonDocument());
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                Build(mapper, property.PropertyType, built);
            }
        }
    }

    private static Type? DictionaryValueType(Type type) =>
        (GenericInterface(type, typeof(IDictionary<,>)) ?? GenericInterface(type, typeof(IReadOnlyDictionary<,>))) is { } dictionary
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : GenericInterface(type, typeof(IEnumerable<>)) is { } enumerable ? enumerable.GetGenericArguments()[0]
        : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    public static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
