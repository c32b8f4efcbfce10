using System.Globalization;
using CreditRisk.Core.Scoring;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Components.Pages.Admin.Models;

/// <summary>
/// A model version's ROC and calibration curves on its hold-out, one line per model, the ensemble drawn last and
/// heaviest.
/// </summary>
public partial class ModelCurvesCharts
{
    /// <summary>Curves by model name (see <see cref="ModelVersion.CurvesOfEachModel"/>); empty shows the empty state.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, ModelCurves> Curves { get; set; } = new Dictionary<string, ModelCurves>();

    /// <summary>The version's metrics by model, for the AUC in each ROC legend entry; a model without one shows none.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, Dictionary<string, double>>? Metrics { get; set; }

    [Parameter, EditorRequired]
    public string VersionId { get; set; } = "";

    // The ensemble is what the pipeline scores with, the others are there to compare: it is drawn last (ApexCharts
    // paints in series order, so no other line hides it) and heaviest.
    private static readonly string[] Order = [ModelNames.Logistic, ModelNames.Tree, ModelNames.Challenger, ModelNames.Ensemble];

    // Fixed per model so a model keeps its colour in both charts; grey is the reference line.
    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        [ModelNames.Ensemble] = "#1565c0",
        [ModelNames.Logistic] = "#2e7d32",
        [ModelNames.Tree] = "#ef6c00",
        [ModelNames.Challenger] = "#8e24aa",
    };

    private const string OtherColour = "#00838f";
    private const string ReferenceColour = "#9e9e9e";

    private static readonly double[][] Diagonal = [[0, 0], [1, 1]];

    private List<KeyValuePair<string, ModelCurves>> Models => Curves
        .Where(c => c.Value.Roc.Count > 0)
        .OrderBy(c => c.Key == ModelNames.Ensemble ? 1 : 0)
        .ThenBy(c => Array.IndexOf(Order, c.Key) is var i and >= 0 ? i : Order.Length)
        .ThenBy(c => c.Key, StringComparer.Ordinal)
        .ToList();

    // Empty bins have no mean to plot; drawing them at (0, 0) would fake a perfect bin.
    private static List<CalibrationPoint> Filled(ModelCurves curves) => curves.Calibration.Where(b => b.Count > 0).ToList();

    private double? Auc(string model) => Metrics?.GetValueOrDefault(model)?.GetValueOrDefault("auc") is { } auc ? auc : null;

    private string Legend(string model) =>
        Auc(model) is { } auc ? $"{Title(model)} (AUC {auc.ToString("0.000", CultureInfo.InvariantCulture)})" : Title(model);

    private static string Title(string model) => model.Length == 0 ? model : char.ToUpperInvariant(model[0]) + model[1..];

    private string RocLabel =>
        $"ROC curves of {VersionId} by model against the diagonal of a random model: "
        + string.Join("; ", Models.Select(m => $"{Legend(m.Key)}, {m.Value.Roc.Count} points"));

    private string CalibrationLabel =>
        $"Mean predicted against observed default rate of {VersionId} by model, with the ideal line: "
        + string.Join("; ", Models.Select(m => $"{Title(m.Key)} in {Filled(m.Value).Count} probability bins"));

    private object RocOptions => Options(
        "False-positive rate", "True-positive rate",
        Models.Select(m => Series(Legend(m.Key), m.Value.Roc.Select(p => Point(p.FalsePositiveRate, p.TruePositiveRate)))),
        "Random");

    private object CalibrationOptions => Options(
        "Mean predicted probability", "Observed default rate",
        Models.Select(m => Series(Title(m.Key), Filled(m.Value).Select(b => Point(b.MeanPredicted, b.ObservedRate)))),
        "Ideal");

    private static object Series(string name, IEnumerable<double[]> points) => new { name, data = points.ToArray() };

    private static double[] Point(double x, double y) => [Math.Round(x, 4), Math.Round(y, 4)];

    private object Options(string xTitle, string yTitle, IEnumerable<object> curves, string reference)
    {
        var models = Models.Select(m => m.Key).ToList();
        return new
        {
            // Static curves gain nothing from the grow-in animation, and a screenshot or a reader mid-animation sees wrong lines.
            chart = new { type = "line", toolbar = new { show = false }, zoom = new { enabled = false }, animations = new { enabled = false } },
            series = curves.Append(Series(reference, Diagonal)).ToArray(),
            colors = models.Select(m => Colours.GetValueOrDefault(m, OtherColour)).Append(ReferenceColour).ToArray(),
            stroke = new
            {
                curve = "straight",
                width = models.Select(m => m == ModelNames.Ensemble ? 3 : 2).Append(1).ToArray(),
                dashArray = models.Select(_ => 0).Append(5).ToArray(),
            },
            markers = new { size = models.Select(m => m == ModelNames.Ensemble ? 3 : 0).Append(0).ToArray() },
            legend = new { show = true, position = "bottom" },
            xaxis = new { type = "numeric", min = 0, max = 1, tickAmount = 5, decimalsInFloat = 1, title = new { text = xTitle } },
            yaxis = new { min = 0, max = 1, tickAmount = 5, decimalsInFloat = 1, title = new { text = yTitle } },
            tooltip = new { shared = false, x = new { show = true } },
        };
    }
}
