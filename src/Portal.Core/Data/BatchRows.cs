using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>One column of a batch: its name (as the SQL Server table type has it), its type and where its value comes from.</summary>
public sealed record BatchColumn<T>(string Name, Type Type, Func<T, object?> Value);

/// <summary>
/// Many rows as one parameter, so a batch costs one round trip and set-based statements: a table-valued parameter of
/// <paramref name="sqlServerType"/> on SQL Server (its bulk means), a JSON array of arrays on SQLite, which the
/// statements read with <c>json_each(@Rows)</c> and <c>value ->> n</c> in the columns' order. The first column is
/// always Line, the row's place in the batch (0, 1, ...), so inserts keep the batch's order.
/// </summary>
public sealed class BatchRows<T>(string sqlServerType, params BatchColumn<T>[] columns)
{
    public object Parameter(DatabaseProvider provider, IReadOnlyList<T> rows) =>
        provider == DatabaseProvider.SqlServer ? Table(rows).AsTableValuedParameter(sqlServerType) : Json(rows);

    private DataTable Table(IReadOnlyList<T> rows)
    {
        var table = new DataTable();
        table.Columns.Add("Line", typeof(int));
        foreach (var column in columns) table.Columns.Add(column.Name, Nullable.GetUnderlyingType(column.Type) ?? column.Type);
        var values = new object?[columns.Length + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            values[0] = i;
            for (var c = 0; c < columns.Length; c++) values[c + 1] = columns[c].Value(rows[i]) ?? DBNull.Value;
            table.Rows.Add(values);
        }

        return table;
    }

    private string Json(IReadOnlyList<T> rows)
    {
        using var buffer = new MemoryStream();
        // Text as itself (JSON escapes only quotes, backslashes and control characters then): a parameter is no HTML, and
        // escaping every Japanese character as \uXXXX doubled the bytes SQLite had to read back.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            for (var i = 0; i < rows.Count; i++)
            {
                json.WriteStartArray();
                json.WriteNumberValue(i);
                foreach (var column in columns)
                {
                    switch (column.Value(rows[i]))
                    {
                        case null: json.WriteNullValue(); break;
                        case string s: json.WriteStringValue(s); break;
                        case long l: json.WriteNumberValue(l); break;
                        case int n: json.WriteNumberValue(n); break;
                        // As TypeHandlers store them, so that SQLite compares the JSON's text with the columns'.
                        case DateTimeOffset t: json.WriteStringValue(t.ToUniversalTime().ToString(DateTimeOffsetHandler.SqliteFormat, CultureInfo.InvariantCulture)); break;
                        case Guid g: json.WriteStringValue(g.ToString("D")); break;
                        // As Microsoft.Data.Sqlite stores a DateOnly parameter: text in date order.
                        case DateOnly d: json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                        case var other: throw new ArgumentException($"Batch column {column.Name}: {other.GetType().Name} values have no JSON form here.", nameof(rows));
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
