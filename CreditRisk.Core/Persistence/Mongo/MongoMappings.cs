using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>
/// Registers the BSON conventions and class maps for CreditRisk's domain records, once per process.
/// Conventions are scoped to CreditRisk types so that other users of the driver in the same process
/// (Hangfire.Mongo) keep the driver's defaults.
/// </summary>
internal static class MongoMappings
{
    private const string ConventionName = "CreditRisk";
    private static readonly Lock _gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        // Conventions only apply to class maps built after they are registered, and the BSON registries
        // are process-wide, so this must run exactly once and before the first serializer lookup.
        lock (_gate)
        {
            if (_registered)
            {
                return;
            }

            var pack = new ConventionPack
            {
                new CamelCaseElementNameConvention(),
                new IgnoreExtraElementsConvention(true),
                new EnumRepresentationConvention(BsonType.String),
                new CreditRiskSerializerConvention(),
            };
            ConventionRegistry.Register(ConventionName, pack, IsCreditRiskType);

            // Records keyed by customer id: the customer id is the document id.
            BsonClassMap.TryRegisterClassMap<BehaviorProfile>(cm =>
            {
                cm.AutoMap();
                cm.MapIdMember(p => p.CustomerId);
            });
            // Whether a version is the champion lives in one pointer document (see MongoModelRegistry), not on the versions.
            BsonClassMap.TryRegisterClassMap<ModelVersion>(cm =>
            {
                cm.AutoMap();
                cm.UnmapMember(m => m.IsChampion);
            });
            BsonClassMap.TryRegisterClassMap<CustomerRisk>(cm =>
            {
                cm.AutoMap();
                cm.MapIdMember(r => r.CustomerId);
            });
            // TryRegisterClassMap does nothing when the driver already built a map for the type (a lookup before
            // this ran); the documents would then get generated ids instead of the customer id, so fail loudly.
            RequireIdMember<BehaviorProfile>(nameof(BehaviorProfile.CustomerId));
            RequireIdMember<CustomerRisk>(nameof(CustomerRisk.CustomerId));
            _registered = true;
        }
    }

    private static void RequireIdMember<T>(string memberName)
    {
        if (BsonClassMap.LookupClassMap(typeof(T)).IdMemberMap?.MemberName != memberName)
        {
            throw new InvalidOperationException(
                $"The BSON class map of {typeof(T).Name} was created before CreditRisk's Mongo mappings were registered; "
                + $"create the {nameof(MongoCreditRiskStore)} before serialising CreditRisk types with the driver.");
        }
    }

    private static bool IsCreditRiskType(Type type) =>
        type.Namespace is { } ns && (ns == "CreditRisk.Core" || ns.StartsWith("CreditRisk.Core.", StringComparison.Ordinal));

    /// <summary>
    /// Decimal as Decimal128 (exact money), DateTimeOffset as a UTC BSON date (millisecond precision, sortable and
    /// range-queryable, unlike the driver's default [ticks, offset] array), DateOnly as a "yyyy-MM-dd" string
    /// (sorts correctly and reads well in the shell), a day's category counts as a sub-document.
    /// </summary>
    private sealed class CreditRiskSerializerConvention : ConventionBase, IMemberMapConvention
    {
        private static readonly DecimalSerializer _decimal = new(BsonType.Decimal128);
        private static readonly DateTimeOffsetSerializer _dateTimeOffset = new(BsonType.DateTime);
        private static readonly DateOnlySerializer _dateOnly = new(BsonType.String);

        public void Apply(BsonMemberMap memberMap)
        {
            var serializer = SerializerFor(memberMap.MemberType);
            if (serializer is not null)
            {
                memberMap.SetSerializer(serializer);
            }
        }

        private static IBsonSerializer? SerializerFor(Type type) => type switch
        {
            _ when type == typeof(decimal) => _decimal,
            _ when type == typeof(decimal?) => new NullableSerializer<decimal>(_decimal),
            _ when type == typeof(DateTimeOffset) => _dateTimeOffset,
            _ when type == typeof(DateTimeOffset?) => new NullableSerializer<DateTimeOffset>(_dateTimeOffset),
            _ when type == typeof(DateOnly) => _dateOnly,
            _ when type == typeof(DateOnly?) => new NullableSerializer<DateOnly>(_dateOnly),
            _ when type == typeof(CategoryCounts) => CategoryCountsBsonSerializer.Instance,
            _ => null,
        };
    }
}
