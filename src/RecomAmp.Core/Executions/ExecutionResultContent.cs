namespace RecomAmp.Core.Executions;

/// <summary>
/// An execution's result, ready to be written to a response: its content type, a file name for downloads,
/// and the writer. It holds the stored result open until it is disposed.
/// </summary>
public sealed class ExecutionResultContent(
    string contentType, string? fileName, Stream source, Func<Stream, Stream, CancellationToken, Task> write)
    : IAsyncDisposable
{
    public string ContentType { get; } = contentType;

    /// <summary>The name to save the content under, or null to show it inline.</summary>
    public string? FileName { get; } = fileName;

    /// <summary>Writes the content to <paramref name="output"/>, streaming from the stored result.</summary>
    public Task WriteToAsync(Stream output, CancellationToken cancellationToken) =>
        write(source, output, cancellationToken);

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
