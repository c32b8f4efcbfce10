using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// A <see cref="BsonMapper"/> that refuses to build a type mapping once <see cref="Freeze"/> has been called.
/// <para>
/// LiteDB 5 builds the mapping of a type on its first use and publishes it to its cache before filling in the members,
/// while readers look the cache up without a lock. A thread that maps the same type meanwhile gets a mapping with
/// some or no members and writes a document missing fields: concurrent sign-ups were stored without their
/// normalised name, so both passed the "name taken?" check and the second failed on the unique index with a
/// duplicate <c>null</c>. Building every mapping before the store is shared, and refusing any later one, turns a
/// forgotten type from a rare race into an error on its first use.
/// </para>
/// </summary>
internal sealed class PrebuiltBsonMapper : BsonMapper
{
    private volatile bool _frozen;

    /// <summary>From now on every type must already be mapped.</summary>
    public void Freeze() => _frozen = true;

    protected override EntityMapper BuildAddEntityMapper(Type type) => _frozen
        ? throw new InvalidOperationException(
            $"The LiteDB mapping of {type} was not built up front; add the stored type to LiteDbMapper.DocumentTypes.")
        : base.BuildAddEntityMapper(type);
}
