using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>A run's CSV files read back: the header and the rows (RFC 4180 quoting undone).</summary>
public sealed record AmcCsv(
    AmcQueryResult Result, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static AmcCsv Read(AmcQueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<string> header = [];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var file in result.Files)
        {
            var records = Parse(File.ReadAllText(file));
            header = records[0];
            rows.AddRange(records.Skip(1));
        }

        return new AmcCsv(result, header, rows);
    }

    public IEnumerable<string> Column(string name)
    {
        var index = Header.ToList().IndexOf(name);
        return Rows.Select(r => r[index]);
    }

    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
