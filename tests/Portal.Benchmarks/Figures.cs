using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>Median, p90, min and max of a set of durations in milliseconds.</summary>
internal sealed record Figures(int Count, double Median, double P90, double Min, double Max)
{
    public static Figures Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Figures(0, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        // Nearest rank: the smallest value with at least 90 % of the values at or below it.
        var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1];
        return new Figures(sorted.Length, median, p90, sorted[0], sorted[^1]);
    }

    public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
        $"  {label,-34}{Count,6}{Median,9:0.00}{P90,9:0.00}{Min,9:0.00}{Max,9:0.00}");

    public static string Header(string label) => string.Create(CultureInfo.InvariantCulture,
        $"  {label,-34}{"n",6}{"median",9}{"p90",9}{"min",9}{"max",9}   (ms)");
}
