using System.Net;
using CreditRisk.Core.Persistence.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace CreditRisk.Tests.Persistence.Mongo;

public sealed class MongoErrorsTests
{
    private static MongoCommandException CommandError(int code) => new(
        new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("127.0.0.1", 27017))),
        "Command insert failed: E11000 duplicate key error",
        new BsonDocument("insert", "transactions"),
        new BsonDocument { { "ok", 0 }, { "code", code }, { "errmsg", "E11000 duplicate key error" } });

    [Fact]
    public void IsDuplicateKey_CommandErrorWithCode11000_IsTrue() =>
        Assert.True(MongoErrors.IsDuplicateKey(CommandError(11000)));

    [Fact]
    public void IsDuplicateKey_OtherCommandError_IsFalse() =>
        Assert.False(MongoErrors.IsDuplicateKey(CommandError(59)));

    [Fact]
    public void IsDuplicateKey_UnrelatedException_IsFalse() =>
        Assert.False(MongoErrors.IsDuplicateKey(new TimeoutException("E11000")));
}
