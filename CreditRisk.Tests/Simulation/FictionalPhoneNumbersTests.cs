using System.Text.RegularExpressions;
using CreditRisk.Core.Simulation;

namespace CreditRisk.Tests.Simulation;

public sealed class FictionalPhoneNumbersTests
{
    [Fact]
    public void For_EveryIndexBelowCapacity_GivesADistinctNumberInTheFictional555Block()
    {
        var pattern = new Regex(@"^\+1[2-9][0-8]\d55501\d{2}$");
        var seen = new HashSet<string>();

        for (var i = 0; i < FictionalPhoneNumbers.Capacity; i++)
        {
            var phone = FictionalPhoneNumbers.For(i);
            Assert.Matches(pattern, phone);
            Assert.True(seen.Add(phone), $"index {i} repeats {phone}");
        }

        Assert.True(FictionalPhoneNumbers.Capacity >= 60_000);
    }
}
