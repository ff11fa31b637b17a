using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Portal.Tests.AutoSetup;

/// <summary>An XML property list read back into dictionaries, lists, strings, numbers and booleans, independently of the portal's writer.</summary>
public static class PropertyList
{
    public static Dictionary<string, object> Read(byte[] xml)
    {
        // The DOCTYPE names Apple's DTD: it is skipped, never fetched.
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        var root = XDocument.Load(reader).Root!;
        Assert.Equal("plist", root.Name.LocalName);
        Assert.Equal("1.0", root.Attribute("version")?.Value);
        return Assert.IsType<Dictionary<string, object>>(Value(Assert.Single(root.Elements())));
    }

    private static object Value(XElement element) => element.Name.LocalName switch
    {
        "dict" => Dict(element),
        "array" => element.Elements().Select(Value).ToList(),
        "string" => element.Value,
        "integer" => long.Parse(element.Value, CultureInfo.InvariantCulture),
        "true" => true,
        "false" => false,
        var other => throw new InvalidDataException($"Unexpected property list element <{other}>."),
    };

    private static Dictionary<string, object> Dict(XElement dict)
    {
        var items = dict.Elements().ToList();
        Assert.True(items.Count % 2 == 0, "a dict holds key and value pairs");
        var result = new Dictionary<string, object>();
        for (var i = 0; i < items.Count; i += 2)
        {
            Assert.Equal("key", items[i].Name.LocalName);
            result.Add(items[i].Value, Value(items[i + 1]));
        }

        return result;
    }
}
