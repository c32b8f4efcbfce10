using CreditRisk.Web.Components.Pages.Admin.Models;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The Models page's metric names and formats: counts whole, rates in percent, measures to three decimals.</summary>
public sealed class MetricLabelsTests
{
    [Theory]
    [InlineData("low_count", 290, "290")]
    [InlineData("holdout_rows", 4500, "4,500")]
    [InlineData("high_default_rate", 0.0143, "1.4%")]
    [InlineData("holdout_share", 0.3, "30.0%")]
    [InlineData("auc", 0.78123, "0.781")]
    [InlineData("cv_auc_sd", 0.0094, "0.009")]
    [InlineData("high_cutoff", 0.2765, "27.65%")]
    [InlineData("high_cutoff", 0.3, "30.0%")]
    public void Value_Number_FormattedByWhatItCounts(string key, double value, string expected)
    {
        Assert.Equal(expected, MetricLabels.Value(key, value));
    }

    [Theory]
    [InlineData(0, "n/a (no rows)")]
    [InlineData(32, "31.2%")]
    public void Value_BandDefaultRate_NoFigureWhenTheBandHasNoRows(double highRows, string expected)
    {
        var model = new Dictionary<string, double> { ["high_count"] = highRows, ["high_default_rate"] = highRows == 0 ? 0 : 0.3125 };

        Assert.Equal(expected, MetricLabels.Value("high_default_rate", model["high_default_rate"], model));
        Assert.Equal("0.754", MetricLabels.Value("auc", 0.754, model));
    }

    [Theory]
    [InlineData(0, "n/a (no rows)")]
    [InlineData(32, "0.500")]
    public void Value_PrecisionAtHigh_NoFigureWhenNoRowIsHigh(double highRows, string expected)
    {
        var model = new Dictionary<string, double> { ["high_count"] = highRows, ["precision_at_high"] = highRows == 0 ? 0 : 0.5 };

        Assert.Equal(expected, MetricLabels.Value("precision_at_high", model["precision_at_high"], model));
    }

    [Theory]
    [InlineData("outcome_window_days", "90", "90")]
    [InlineData("minimum_prior_statements", "3", "3")]
    [InlineData("seed", "42", "42")]
    [InlineData("label_rule", "dpd30 within 90 days", "dpd30 within 90 days")]
    public void Value_TrainingSummaryText_NumbersFormattedTextKept(string key, string value, string expected)
    {
        Assert.Equal(expected, MetricLabels.Value(key, value));
    }

    [Theory]
    [InlineData("logistic", "Logistic")]
    [InlineData("tree", "Tree")]
    [InlineData("ensemble", "Ensemble (sets the bands)")]
    [InlineData("challenger", "Boosted challenger")]
    public void ModelTitle_SaysWhatEachColumnIs(string model, string expected)
    {
        Assert.Equal(expected, MetricLabels.ModelTitle(model));
    }

    [Theory]
    [InlineData("cv_auc", "AUC, cross-validated (mean of the folds)")] // the fold count is configurable (Models:CrossValidationFolds)
    [InlineData("medium_count", "Medium rows")]
    [InlineData("some_new_key", "Some New Key")]
    public void Label_KnownAndUnknownKeys(string key, string expected)
    {
        Assert.Equal(expected, MetricLabels.Label(key));
    }
}
