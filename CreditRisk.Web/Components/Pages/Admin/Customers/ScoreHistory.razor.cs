using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Web.Components.Pages.Admin.Portfolio;
using CreditRisk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>A customer's model scores over time against the band cut-offs, with the latest ten assessments listed.</summary>
public partial class ScoreHistory
{
    /// <summary>Oldest first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<RiskAssessment> History { get; set; } = [];

    [Parameter]
    public double MediumFrom { get; set; }

    [Parameter]
    public double HighFrom { get; set; }

    /// <summary>Assessments a phone lists before "Show all".</summary>
    private const int PhoneRows = 3;

    private bool _showAll;

    private List<(DateTimeOffset At, double Score)> _scored = [];

    protected override void OnParametersSet() =>
        _scored = [.. History.Where(a => a.EnsembleProbability is not null).Select(a => (a.AssessedAt, a.EnsembleProbability!.Value))];

    private object ChartSeries => new[]
    {
        new
        {
            name = "Score",
            data = _scored.Select(s => new object[] { s.At.ToUnixTimeMilliseconds(), Math.Round(s.Score, 4) }).ToArray(),
        },
    };

    // The band cut-offs are horizontal lines, so the analyst sees how close the score runs to the next band. The axis
    // ends at a round step above the scores and the High cut-off (ScoreScale): on 0–100% a history of 7–9% is a flat line.
    private double AxisTop => ScoreScale.Ceiling(Math.Max(_scored.Max(s => s.Score), HighFrom * ScoreScale.CutoffHeadroom));

    private object ChartOptions => new
    {
        chart = new { type = "line", toolbar = new { show = false }, zoom = new { enabled = false } },
        stroke = new { width = 2, curve = "straight" },
        markers = new { size = 3 },
        xaxis = new { type = "datetime" },
        yaxis = new { min = 0, max = AxisTop, tickAmount = ScoreScale.Ticks(AxisTop), labels = new { percentDecimals = AxisTop < 0.1 ? 1 : 0 } },
        annotations = new
        {
            yaxis = new object[]
            {
                CutOff(MediumFrom, RiskBand.Medium, "left"),
                CutOff(HighFrom, RiskBand.High, "right"),
            },
        },
        tooltip = new { x = new { format = "d MMM yyyy HH:mm" } },
    };

    // Medium's label at the left end of its line and High's at the right, so close cut-offs do not print over each other.
    private static object CutOff(double from, RiskBand band, string position) => new
    {
        y = from,
        borderColor = BandColors.Of(band),
        strokeDashArray = 4,
        label = new
        {
            text = $"{band} {DisplayFormat.Cutoff(from)}",
            position,
            textAnchor = position == "left" ? "start" : "end",
            style = new { color = "#fff", background = BandColors.Of(band) },
        },
    };
}
