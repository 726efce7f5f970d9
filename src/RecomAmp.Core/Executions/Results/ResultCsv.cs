using CsvHelper;

namespace RecomAmp.Core.Executions.Results;

/// <summary>
/// Reading and writing result CSV with CsvHelper: RFC 4180, comma separated, UTF-8 without a byte order
/// mark. Every method streams: at most one record is held at a time.
/// </summary>
public static class ResultCsv
{
    public static CsvReaderOptions ReaderOptions { get; } = new()
    {
        Separator = ',',
        HasHeader = true,
    };

    public static CsvWriterOptions WriterOptions { get; } = new();

    /// <summary>
    /// Writes the parts to <paramref name="output"/> as one CSV: the first header found, then every part's
    /// data rows in order.
    /// </summary>
    /// <returns>The number of data rows written and the header.</returns>
    /// <exception cref="InvalidDataException">A part's header differs from the first one.</exception>
    public static async Task<(long Rows, IReadOnlyList<string> Columns)> MergeAsync(
        IReadOnlyList<Stream> parts,
        IReadOnlyList<string>? columns,
        Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = CsvWriter.Create(output, WriterOptions, leaveOpen: true);
        string[]? header = null;
        long rows = 0;
        for (var index = 0; index < parts.Count; index++)
        {
            await using var reader = CsvReader.Create(parts[index], ReaderOptions, leaveOpen: true);
            await reader.ReadHeaderAsync(cancellationToken);
            var partHeader = reader.Headers.ToArray();
            if (partHeader.Length == 0)
            {
                continue;
            }

            if (header is null)
            {
                header = partHeader;
                writer.WriteHeader(header);
            }
            else if (!header.SequenceEqual(partHeader, StringComparer.Ordinal))
            {
                throw new InvalidDataException(
                    $"Result file {index + 1} has other columns than the first one.");
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                CopyRecord(reader, writer);
                await writer.EndRecordAsync(cancellationToken);
                rows++;
            }
        }

        if (header is null && columns is { Count: > 0 })
        {
            header = [.. columns];
            writer.WriteHeader(header);
        }

        await writer.FlushAsync(cancellationToken);
        return (rows, header ?? []);
    }

    /// <summary>
    /// Copies the header and at most <paramref name="limit"/> data rows of a stored result to
    /// <paramref name="output"/>.
    /// </summary>
    /// <returns>The number of data rows written.</returns>
    public static async Task<long> CopyAsync(
        Stream source, Stream output, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        await using var reader = CsvReader.Create(source, ReaderOptions, leaveOpen: true);
        await using var writer = CsvWriter.Create(output, WriterOptions, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);
        var header = reader.Headers.ToArray();
        if (header.Length == 0)
        {
            return 0;
        }

        writer.WriteHeader(header);
        long rows = 0;
        while (rows < limit && await reader.ReadAsync(cancellationToken))
        {
            CopyRecord(reader, writer);
            await writer.EndRecordAsync(cancellationToken);
            rows++;
        }

        await writer.FlushAsync(cancellationToken);
        return rows;
    }

    private static void CopyRecord(CsvReader reader, CsvWriter writer)
    {
        for (var field = 0; field < reader.FieldCount; field++)
        {
            writer.WriteField(reader.GetSpan(field));
        }
    }
}
