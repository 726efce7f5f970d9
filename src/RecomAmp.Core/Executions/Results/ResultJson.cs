using System.Text.Json;
using CsvHelper;

namespace RecomAmp.Core.Executions.Results;

/// <summary>
/// Writes a stored result as JSON rows: one object per CSV record, with the columns in the CSV's (AMC's)
/// order. CSV has no types, so a column is written as numbers when every non-empty value of the rows returned
/// is a plain JSON number; otherwise its values are strings. An empty value is null.
/// </summary>
/// <remarks>
/// Identifiers stay strings even when they are all digits: a column named <c>id</c> or ending in <c>_id</c>,
/// <c>_ids</c>, <c>_string</c>, <c>_key</c> or <c>_code</c> (AMC's <c>campaign_id_string</c>, for one). So
/// does a whole number with more than 15 digits, which JavaScript would round, and a number with a leading
/// zero (<c>007</c>).
/// </remarks>
public static class ResultJson
{
    private const int MaxSafeIntegerDigits = 15;
    private const int FlushThreshold = 1 << 15;

    private static readonly string[] _identifierSuffixes = ["_id", "_ids", "_string", "_key", "_code"];

    /// <summary>
    /// Reads the header and at most <paramref name="limit"/> rows, and tells which columns hold numbers.
    /// </summary>
    public static async Task<ResultShape> InspectAsync(
        Stream source, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var reader = CsvReader.Create(source, ResultCsv.ReaderOptions, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);
        var columns = reader.Headers.ToArray();
        var seenNumber = new bool[columns.Length];
        var seenText = new bool[columns.Length];
        long rows = 0;
        while (rows < limit && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            for (var field = 0; field < Math.Min(reader.FieldCount, columns.Length); field++)
            {
                var value = reader.GetSpan(field);
                if (value.IsEmpty)
                {
                    continue;
                }

                if (IsNumber(value))
                {
                    seenNumber[field] = true;
                }
                else
                {
                    seenText[field] = true;
                }
            }
        }

        var numeric = columns
            .Select((name, index) => seenNumber[index] && !seenText[index] && !IsIdentifier(name))
            .ToArray();
        return new ResultShape(columns, numeric, rows);
    }

    /// <summary>
    /// Writes <c>{"data": [...], "metadata": {...}}</c> with at most <paramref name="limit"/> rows.
    /// </summary>
    public static async Task WriteAsync(
        Stream source,
        Stream output,
        ResultShape shape,
        long limit,
        ResultMetadata metadata,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(metadata);
        var names = shape.Columns.Select(name => JsonEncodedText.Encode(name)).ToArray();
        await using var json = new Utf8JsonWriter(output);
        await using var reader = CsvReader.Create(source, ResultCsv.ReaderOptions, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);

        json.WriteStartObject();
        json.WriteStartArray("data");
        long rows = 0;
        while (rows < limit && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            WriteRow(json, reader, names, shape.Numeric);
            if (json.BytesPending > FlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteStartObject("metadata");
        json.WriteNumber("total_rows", metadata.TotalRows);
        json.WriteNumber("returned_rows", rows);
        json.WriteStartArray("columns");
        foreach (var name in names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        if (metadata.ExecutionTime is { } seconds)
        {
            json.WriteNumber("execution_time", seconds);
        }
        else
        {
            json.WriteNull("execution_time");
        }

        json.WriteString("query", metadata.Query);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>Whether UTF-8 text is a JSON number a client reads exactly enough (see the remarks).</summary>
    public static bool IsNumber(ReadOnlySpan<byte> text)
    {
        var position = 0;
        if (position < text.Length && text[position] == (byte)'-')
        {
            position++;
        }

        var integerStart = position;
        while (position < text.Length && IsDigit(text[position]))
        {
            position++;
        }

        var integerDigits = position - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && text[integerStart] == (byte)'0'))
        {
            return false;
        }

        var isWhole = true;
        if (position < text.Length && text[position] == (byte)'.')
        {
            isWhole = false;
            var fractionStart = ++position;
            while (position < text.Length && IsDigit(text[position]))
            {
                position++;
            }

            if (position == fractionStart)
            {
                return false;
            }
        }

        if (position < text.Length && text[position] is (byte)'e' or (byte)'E')
        {
            isWhole = false;
            position++;
            if (position < text.Length && text[position] is (byte)'+' or (byte)'-')
            {
                position++;
            }

            var exponentStart = position;
            while (position < text.Length && IsDigit(text[position]))
            {
                position++;
            }

            if (position == exponentStart)
            {
                return false;
            }
        }

        return position == text.Length && (!isWhole || integerDigits <= MaxSafeIntegerDigits);
    }

    private static void WriteRow(
        Utf8JsonWriter json, CsvReader reader, JsonEncodedText[] names, IReadOnlyList<bool> numeric)
    {
        json.WriteStartObject();
        for (var field = 0; field < names.Length; field++)
        {
            var value = field < reader.FieldCount ? reader.GetSpan(field) : [];
            if (value.IsEmpty)
            {
                json.WriteNull(names[field]);
            }
            else if (numeric[field])
            {
                json.WritePropertyName(names[field]);
                json.WriteRawValue(value, skipInputValidation: true);
            }
            else
            {
                json.WriteString(names[field], value);
            }
        }

        json.WriteEndObject();
    }

    private static bool IsIdentifier(string column)
    {
        var name = column.Trim().ToLowerInvariant();
        return name == "id"
            || _identifierSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';
}
