using CreditRisk.Core.Features;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>A day's <see cref="CategoryCounts"/> as a sub-document of category → count, as the dictionary it replaced was stored.</summary>
internal sealed class CategoryCountsBsonSerializer : SerializerBase<CategoryCounts>
{
    public static CategoryCountsBsonSerializer Instance { get; } = new();

    public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, CategoryCounts value)
    {
        var writer = context.Writer;
        writer.WriteStartDocument();
        foreach (var (category, count) in value)
        {
            writer.WriteName(category);
            writer.WriteInt32(count);
        }

        writer.WriteEndDocument();
    }

    public override CategoryCounts Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args)
    {
        var reader = context.Reader;
        var counts = new List<KeyValuePair<string, int>>();
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            var category = reader.ReadName(Utf8NameDecoder.Instance);
            counts.Add(KeyValuePair.Create(category, reader.ReadInt32()));
        }

        reader.ReadEndDocument();
        return CategoryCounts.Of(counts);
    }
}
