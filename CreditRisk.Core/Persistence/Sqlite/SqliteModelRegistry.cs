using CreditRisk.Core.Scoring;
using Microsoft.Data.Sqlite;
using static CreditRisk.Core.Persistence.Sqlite.SqliteDatabase;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// Model versions without their bytes, and the bytes in a table of their own: listing never reads a model. The
/// champion flag is a column, and a partial unique index lets each <see cref="ModelFamily"/> have at most one.
/// </summary>
internal sealed class SqliteModelRegistry(SqliteDatabase db) : IModelRegistry
{
    // is_champion is the truth for ModelVersion.IsChampion (a demotion changes only the column); the document keeps
    // the rest, PromotedAt included.
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS models (
            id TEXT NOT NULL PRIMARY KEY, family TEXT NOT NULL, is_champion INTEGER NOT NULL, created_ms INTEGER NOT NULL,
            doc BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS models_champion ON models (family) WHERE is_champion = 1;
        CREATE INDEX IF NOT EXISTS models_created ON models (created_ms, id);
        CREATE TABLE IF NOT EXISTS model_bytes (id TEXT NOT NULL PRIMARY KEY, bytes BLOB NOT NULL);
        """;

    private const string Columns = "SELECT doc, is_champion FROM models";

    public Task AddAsync(ModelVersion version, CancellationToken ct = default) => Run(() =>
    {
        var family = ModelFamilies.Of(version.FeatureNames);
        var doc = db.Encode(version with { ModelBytes = [] });
        db.Write(session =>
        {
            if (version.IsChampion)
            {
                Demote(session, family);
            }

            session.Execute(
                "INSERT INTO models (id, family, is_champion, created_ms, doc) VALUES ($id, $family, $champion, $created, $doc)",
                ("$id", version.Id), ("$family", family.ToString()), ("$champion", version.IsChampion ? 1 : 0),
                ("$created", Millis(version.CreatedAt)), ("$doc", doc));
            session.Execute("INSERT INTO model_bytes (id, bytes) VALUES ($id, $bytes)", ("$id", version.Id), ("$bytes", version.ModelBytes));
        });
    }, ct);

    public Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => db.Read(session => FindWithBytes(session, $"{Columns} WHERE id = $value", id)), ct);

    public Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default) =>
        Run(() => db.Read(session => FindWithBytes(
            session, $"{Columns} WHERE family = $value AND is_champion = 1", nameof(ModelFamily.Behaviour))), ct);

    public Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default) =>
        Run<IReadOnlyList<ModelVersion>>(() => db.Read(session =>
            Rows(session.Command($"{Columns} ORDER BY created_ms DESC, id DESC"), Version)), ct);

    // One write transaction: the read, the demotion and the promotion cannot interleave with another add or promotion,
    // and the partial unique index refuses a second champion of a family should any path ever try.
    public Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default) => Run(() => db.Write(session =>
    {
        var command = session.Command($"{Columns} WHERE id = $value");
        command.Parameters.AddWithValue("$value", id);
        if (Rows(command, Version).FirstOrDefault() is not { } stored)
        {
            return false;
        }

        Demote(session, ModelFamilies.Of(stored.FeatureNames));
        var promoted = stored with { IsChampion = true, PromotedAt = at };
        session.Execute(
            "UPDATE models SET is_champion = 1, doc = $doc WHERE id = $id",
            ("$id", id), ("$doc", db.Encode(promoted)));
        return true;
    }), ct);

    /// <summary>Each family has its own champion (<see cref="ModelFamily"/>): a new one demotes only its own family's.</summary>
    private static void Demote(SqliteSession session, ModelFamily family) =>
        session.Execute("UPDATE models SET is_champion = 0 WHERE family = $family AND is_champion = 1", ("$family", family.ToString()));

    private ModelVersion? FindWithBytes(SqliteSession session, string sql, string value)
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$value", value);
        if (Rows(command, Version).FirstOrDefault() is not { } version)
        {
            return null;
        }

        var bytes = session.Scalar("SELECT bytes FROM model_bytes WHERE id = $id", ("$id", version.Id));
        return version with
        {
            ModelBytes = bytes as byte[] ?? throw new InvalidDataException($"Model version {version.Id} is stored without its bytes."),
        };
    }

    /// <summary>A version from <see cref="Columns"/>, without its bytes.</summary>
    private ModelVersion Version(SqliteDataReader row) => db.Decode<ModelVersion>((byte[])row[0]) with
    {
        IsChampion = row.GetInt64(1) != 0,
        ModelBytes = [],
    };
}
