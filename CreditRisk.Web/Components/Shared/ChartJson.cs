using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreditRisk.Web.Components.Shared;

/// <summary>Turns C# chart options into the JSON ApexCharts expects, plus the settings every chart here shares.</summary>
public static class ChartJson
{
    /// <summary>Name of the cascading value (a <see cref="bool"/>) that tells charts the dark theme is on.</summary>
    public const string DarkModeCascade = "ChartDarkMode";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        // ApexCharts reads a null as "set to null", not "use the default".
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(object? value) => JsonSerializer.Serialize(value, s_json);

    /// <summary>The options as JSON with the series (when given), height, theme mode and a transparent background merged in.</summary>
    public static string Options(object options, object? series, int height, bool darkMode)
    {
        var root = JsonSerializer.SerializeToNode(options, s_json) as JsonObject ?? [];
        var chart = root["chart"] as JsonObject ?? [];
        root["chart"] = chart;
        chart["height"] ??= height;
        // The MudBlazor surface shows through, so the chart follows the page theme.
        chart["background"] ??= "transparent";
        var theme = root["theme"] as JsonObject ?? [];
        root["theme"] = theme;
        theme["mode"] = darkMode ? "dark" : "light";
        if (series is not null)
        {
            root["series"] = JsonSerializer.SerializeToNode(series, s_json);
        }

        return root.ToJsonString(s_json);
    }
}
