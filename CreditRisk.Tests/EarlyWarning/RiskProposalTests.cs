using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.EarlyWarning;

public sealed class RiskProposalTests
{
    private static readonly RuleSettings InForce = new() { UtilisationHighPct = 85 };

    private static RiskProposal Parse(string json)
    {
        Assert.True(RiskProposalReader.TryParse(json, InForce, out var proposal, out var problem), problem);
        return proposal!;
    }

    private static string Problem(string json)
    {
        Assert.False(RiskProposalReader.TryParse(json, InForce, out var proposal, out var problem));
        Assert.Null(proposal);
        return problem!;
    }

    [Fact]
    public void TryParse_SomeRules_OthersKeepTheSettingsInForce()
    {
        var proposal = Parse("""{"rules": {"cashWithdrawalHighPct": 55, "minimumDueOnlyCycles": 3}}""");

        Assert.Equal(InForce with { CashWithdrawalHighPct = 55, MinimumDueOnlyCycles = 3 }, proposal.Rules);
        Assert.Null(proposal.Cutoffs);
    }

    [Fact]
    public void TryParse_CutoffsOnly_KeepsTheRulesInForce()
    {
        var proposal = Parse("""{"cutoffs": {"mediumFrom": 0.15, "highFrom": 0.4}}""");

        Assert.Null(proposal.Rules);
        Assert.Equal(new BandCutoffs(0.15, 0.4), proposal.Cutoffs);
    }

    [Fact]
    public void TryParse_PascalCaseNamesAndComments_AreAccepted()
    {
        var proposal = Parse("""
            {
              // raise the utilisation rule
              "Rules": {"UtilisationHighPct": 95},
            }
            """);

        Assert.Equal(95, proposal.Rules!.UtilisationHighPct);
    }

    [Theory]
    [InlineData("""{"rules": {"utilisationHighPtc": 95}}""", "rules.utilisationHighPtc: not a rule setting")]
    [InlineData("""{"rules": {"utilisationHighPct": "high"}}""", "rules.utilisationHighPct: not a value of the right type")]
    [InlineData("""{"rules": {"utilisationHighPct": 250}}""", "rules.utilisationHighPct: ")]
    [InlineData("""{"rules": {"minimumDueOnlyCycles": 2.5}}""", "rules.minimumDueOnlyCycles: not a value of the right type")]
    [InlineData("""{"rules": 95}""", "rules: must be an object")]
    [InlineData("""{"cutoffs": {"mediumFrom": 0.4, "highFrom": 0.3}}""", "cutoffs.highFrom: Must be above mediumFrom (0.4)")]
    [InlineData("""{"cutoffs": {"mediumFrom": -0.1, "highFrom": 0.3}}""", "cutoffs.mediumFrom: Must be between 0 and 1")]
    [InlineData("""{"cutoffs": {"mediumFrom": 0.1}}""", "cutoffs.highFrom: missing")]
    [InlineData("""{"cutoffs": {"mediumFrom": 0.1, "highFrom": "0.3"}}""", "cutoffs.highFrom: must be a number")]
    [InlineData("""{"cutoffs": {"low": 0.1}}""", "cutoffs.low: not a cut-off")]
    [InlineData("""{"thresholds": {}}""", "'thresholds' is not part of a proposal")]
    [InlineData("""{}""", "changes nothing")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("{\"rules\": {\n\"utilisationHighPct\": 95,,}}", "not valid JSON (line 2")]
    public void TryParse_BadProposal_ProblemNamesTheField(string json, string expected)
    {
        Assert.Contains(expected, Problem(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RulesAndCutoffsOutOfRange_ErrorsKeyedByJsonField()
    {
        var errors = new RiskProposal(new RuleSettings { SpendDropMediumPct = 0 }, new BandCutoffs(0.3, 1.2)).Validate();

        Assert.Equal(["cutoffs.highFrom", "rules.spendDropMediumPct"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_ChangedSettingsAndCutoffs_OneLineEach()
    {
        var proposal = new RiskProposal(InForce with { UtilisationHighPct = 95 }, new BandCutoffs(0.15, 0.4));

        var changes = proposal.Describe(InForce, new BandCutoffs(0.1, 0.3));

        Assert.Equal(["High utilisation, Utilisation above (%): 85% → 95%", "Model cut-offs (Medium from / High from): 10.0% / 30.0% → 15.0% / 40.0%"], changes);
        Assert.Empty(new RiskProposal(InForce, new BandCutoffs(0.1, 0.3)).Describe(InForce, new BandCutoffs(0.1, 0.3)));
    }
}
