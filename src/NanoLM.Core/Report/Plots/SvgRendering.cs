using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OxyPlot;

namespace NanoLM.Report;

/// <summary>Turns an OxyPlot model into a standalone &lt;svg&gt; element that scales with the page and can share a page with other plots.</summary>
public static partial class SvgRendering
{
    /// <param name="idPrefix">Prepended to every id in the SVG; must differ between plots inlined in one page.</param>
    public static string ToSvg(PlotModel model, string idPrefix, double width = ReportPlotStyle.Width, double height = ReportPlotStyle.Height)
    {
        // Not a document: OxyPlot's document header carries a DOCTYPE that points at w3.org, which a self-contained report must not.
        string svg = SvgExporter.ExportToString(model, width, height, isDocument: false, new PixelTextMeasurer(width, height, model.Background));
        var root = XElement.Parse(svg);
        // A viewBox lets CSS shrink the plot on narrow pages without cropping it.
        root.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {width} {height}"));
        ScopeIds(root, idPrefix);
        return root.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Prefixes every id of an SVG and the references to them.</summary>
    public static string ScopeIds(string svg, string idPrefix)
    {
        var root = XElement.Parse(svg);
        ScopeIds(root, idPrefix);
        return root.ToString(SaveOptions.DisableFormatting);
    }

    // OxyPlot numbers its clip paths clipPath1, clipPath2… afresh in every export; inlined side by side, the browser would
    // resolve every plot's url(#clipPath1) to the first plot's and clip legends and series to the wrong rectangles.
    static void ScopeIds(XElement root, string idPrefix)
    {
        var renamed = new Dictionary<string, string>();
        foreach (var element in root.DescendantsAndSelf())
            if (element.Attribute("id") is { } id)
            {
                renamed[id.Value] = $"{idPrefix}-{id.Value}";
                id.Value = renamed[id.Value];
            }
        if (renamed.Count == 0) return;
        foreach (var attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration))
        {
            string value = attribute.Value;
            string rewritten = FragmentReference().Replace(value, m =>
                renamed.TryGetValue(m.Groups["id"].Value, out var scoped) ? m.Value.Replace("#" + m.Groups["id"].Value, "#" + scoped) : m.Value);
            if (attribute.Name.LocalName == "href" && value.StartsWith('#') && renamed.TryGetValue(value[1..], out var target))
                rewritten = "#" + target;
            if (rewritten != value) attribute.Value = rewritten;
        }
    }

    [GeneratedRegex(@"url\(\s*#(?<id>[^)\s]+)\s*\)")]
    private static partial Regex FragmentReference();
}
