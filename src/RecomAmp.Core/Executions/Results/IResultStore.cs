namespace RecomAmp.Core.Executions.Results;

/// <summary>
/// Where execution results live: one CSV file per execution (RFC 4180, UTF-8, one header row), owned by the
/// execution's user. The local-folder adapter serves the local stack; Azure will use a Blob Storage adapter
/// of this same interface, which does not exist yet.
/// </summary>
public interface IResultStore
{
    /// <summary>
    /// Stores an execution's result from the CSV files AMC split it into, merged in the order given under one
    /// header, streaming (no file is held in memory). It replaces an earlier result of the execution only
    /// once it is complete.
    /// </summary>
    /// <param name="userId">The owner.</param>
    /// <param name="executionId">The execution (a UUID).</param>
    /// <param name="parts">AMC's CSV files, each with its header row; empty files are skipped.</param>
    /// <param name="columns">The header to write when no part has one (an empty result), or null.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is stored then.</param>
    /// <exception cref="InvalidDataException">The parts do not share one header.</exception>
    Task<StoredResult> WriteAsync(
        string userId,
        string executionId,
        IReadOnlyList<Stream> parts,
        IReadOnlyList<string>? columns,
        CancellationToken cancellationToken);

    /// <summary>Opens the stored CSV for reading; null when the execution has no stored result.</summary>
    Task<Stream?> OpenReadAsync(string userId, string executionId, CancellationToken cancellationToken);

    /// <summary>Deletes the stored result, if there is one.</summary>
    Task DeleteAsync(string userId, string executionId, CancellationToken cancellationToken);
}
