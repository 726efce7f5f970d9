using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Storage.Embedded;

/// <summary>
/// The embedded <see cref="IDocumentStore"/>: one SQLite file, <c>recomamp.db</c> in the
/// <see cref="DataFolder"/>, with a row per document holding its JSON body. The schema is created on first use.
/// Safe for concurrent use from many threads; register one instance per data folder (a singleton).
/// </summary>
public sealed class SqliteDocumentStore(
    DataFolder dataFolder, TimeProvider timeProvider, ILogger<SqliteDocumentStore> logger)
    : IDocumentStore, IDisposable
{
    /// <summary>The database file's name in the data folder.</summary>
    public const string DatabaseFileName = "recomamp.db";

    private const long SchemaVersion = 1;

    // How long a connection waits for another process that holds the write lock before a write fails.
    private const int BusyTimeoutMilliseconds = 10_000;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS documents (
            container     TEXT    NOT NULL,
            partition_key TEXT    NOT NULL,
            id            TEXT    NOT NULL,
            etag          TEXT    NOT NULL,
            body          TEXT    NOT NULL,
            expires_at    INTEGER NULL,
            PRIMARY KEY (container, partition_key, id)
        );
        CREATE INDEX IF NOT EXISTS ix_documents_container_id ON documents (container, id, partition_key);
        CREATE INDEX IF NOT EXISTS ix_documents_expires_at ON documents (expires_at)
            WHERE expires_at IS NOT NULL;
        """;

    private const string LiveDocument = "(expires_at IS NULL OR expires_at > @now)";

    private const string KeyMatches =
        "container = @container AND partition_key = @partition_key AND id = @id";

    private static readonly TimeSpan _purgeInterval = TimeSpan.FromMinutes(1);

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = dataFolder.File(DatabaseFileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    // SQLite admits one writer at a time. Queuing this process's writers here, asynchronously, is cheaper
    // than threads sleeping in SQLite's busy handler; the busy timeout still covers other processes on the
    // same file.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private volatile bool _initialized;
    private volatile bool _disposed;

    // Unix milliseconds; read and written only while holding the write gate.
    private long _nextPurgeAt;

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; } = dataFolder.File(DatabaseFileName);

    /// <inheritdoc/>
    public async Task<StoredDocument<T>?> ReadAsync<T>(
        string container, string partitionKey, string id, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        if (!DocumentLocation.IsPossibleId(id))
        {
            return null;
        }

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT etag, body FROM documents WHERE {KeyMatches} AND {LiveDocument}";
        AddKey(command, container, partitionKey, id);
        command.Parameters.AddWithValue("@now", NowMilliseconds());

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ToStoredDocument<T>(reader) : null;
    }

    /// <inheritdoc/>
    public async Task<StoredDocument<T>> CreateAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        DocumentLocation.ValidateNewId(id);
        var serialized = DocumentJson.Serialize(container, partitionKey, id, document);
        var etag = NewETag();

        await WriteAsync(
            async (connection, now) =>
            {
                // An expired row that has not been purged yet is overwritten: to readers it is already gone.
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO documents (container, partition_key, id, etag, body, expires_at)
                    VALUES (@container, @partition_key, @id, @etag, @body, @expires_at)
                    ON CONFLICT (container, partition_key, id) DO UPDATE
                    SET etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at
                    WHERE documents.expires_at IS NOT NULL AND documents.expires_at <= @now
                    """;
                AddRow(command, container, partitionKey, id, etag, serialized, now);

                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    throw new DocumentConflictException(
                        $"A document with id '{id}' already exists in partition '{partitionKey}' of "
                        + $"'{container}'.");
                }
            },
            cancellationToken);

        return new StoredDocument<T>(document, etag);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument<T>> ReplaceAsync<T>(
        string container, string partitionKey, string id, T document, string? ifMatch,
        CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        if (!DocumentLocation.IsPossibleId(id))
        {
            throw NotFound(container, partitionKey, id);
        }

        var serialized = DocumentJson.Serialize(container, partitionKey, id, document);
        var etag = NewETag();

        await WriteAsync(
            async (connection, now) =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    UPDATE documents SET etag = @etag, body = @body, expires_at = @expires_at
                    WHERE {KeyMatches} AND {LiveDocument} AND (@if_match IS NULL OR etag = @if_match)
                    """;
                AddRow(command, container, partitionKey, id, etag, serialized, now);
                command.Parameters.AddWithValue("@if_match", (object?)ifMatch ?? DBNull.Value);

                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    await ThrowWhyUnchangedAsync(
                        transaction, container, partitionKey, id, now, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            },
            cancellationToken);

        return new StoredDocument<T>(document, etag);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument<T>> UpsertAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        DocumentLocation.ValidateNewId(id);
        var serialized = DocumentJson.Serialize(container, partitionKey, id, document);
        var etag = NewETag();

        await WriteAsync(
            async (connection, now) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO documents (container, partition_key, id, etag, body, expires_at)
                    VALUES (@container, @partition_key, @id, @etag, @body, @expires_at)
                    ON CONFLICT (container, partition_key, id) DO UPDATE
                    SET etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at
                    """;
                AddRow(command, container, partitionKey, id, etag, serialized, now);
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

        return new StoredDocument<T>(document, etag);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(
        string container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        if (!DocumentLocation.IsPossibleId(id))
        {
            throw NotFound(container, partitionKey, id);
        }

        await WriteAsync(
            async (connection, now) =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    DELETE FROM documents
                    WHERE {KeyMatches} AND {LiveDocument} AND (@if_match IS NULL OR etag = @if_match)
                    """;
                AddKey(command, container, partitionKey, id);
                command.Parameters.AddWithValue("@now", now);
                command.Parameters.AddWithValue("@if_match", (object?)ifMatch ?? DBNull.Value);

                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    await ThrowWhyUnchangedAsync(
                        transaction, container, partitionKey, id, now, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DocumentPage<T>> QueryAsync<T>(
        string container, DocumentQuery query, QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        DocumentPaging.Validate(request);
        var translated = SqliteQueryTranslator.Translate(query);
        var offset = request.ContinuationToken is null
            ? request.Offset
            : OffsetContinuationToken.Decode(request.ContinuationToken, nameof(request));

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreatePageCommand(
            connection, translated, container, request, offset, explain: false);

        var items = new List<StoredDocument<T>>();
        var hasMore = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == request.MaxItems)
            {
                hasMore = true;
                break;
            }

            items.Add(ToStoredDocument<T>(reader));
        }

        var continuationToken = hasMore ? OffsetContinuationToken.Encode(offset + items.Count) : null;
        return new DocumentPage<T>(items, continuationToken);
    }

    /// <summary>
    /// SQLite's plan for the query <see cref="QueryAsync{T}"/> would run, one line per step (EXPLAIN QUERY
    /// PLAN's detail column); for checking that a query is served by an index.
    /// </summary>
    internal async Task<IReadOnlyList<string>> ExplainQueryAsync(
        string container, DocumentQuery query, QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        DocumentPaging.Validate(request);
        var translated = SqliteQueryTranslator.Translate(query);

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreatePageCommand(
            connection, translated, container, request, request.Offset, explain: true);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return plan;
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(
        string container, DocumentQuery query, string? partitionKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        if (partitionKey is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        }

        var translated = SqliteQueryTranslator.Translate(query);

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateQueryCommand(
            connection, translated, container, partitionKey, NowMilliseconds(),
            scope => $"SELECT COUNT(*) FROM documents AS d WHERE {scope}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Releases the pooled connections to the file; later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }

    private SqliteCommand CreatePageCommand(
        SqliteConnection connection,
        TranslatedQuery translated,
        string container,
        QueryRequest request,
        long offset,
        bool explain)
    {
        var command = CreateQueryCommand(
            connection, translated, container, request.PartitionKey, NowMilliseconds(),
            scope => (explain ? "EXPLAIN QUERY PLAN " : string.Empty)
                + $"SELECT d.etag, d.body FROM documents AS d WHERE {scope} ORDER BY {translated.OrderBy} "
                + "LIMIT @limit OFFSET @offset");

        // One row past the page says whether another page follows.
        command.Parameters.AddWithValue("@limit", request.MaxItems + 1);
        command.Parameters.AddWithValue("@offset", offset);
        return command;
    }

    private static SqliteCommand CreateQueryCommand(
        SqliteConnection connection,
        TranslatedQuery translated,
        string container,
        string? partitionKey,
        long now,
        Func<string, string> sql)
    {
        if (translated.UsesContainsText)
        {
            connection.CreateFunction<string?, string?, bool>(
                SqliteQueryTranslator.ContainsTextFunction,
                (text, search) => text is not null && search is not null
                    && text.Contains(search, StringComparison.OrdinalIgnoreCase),
                isDeterministic: true);
        }

        // The partition test is left out rather than made optional in SQL, so that SQLite plans an index
        // lookup.
        var scope = "d.container = @container"
            + (partitionKey is null ? string.Empty : " AND d.partition_key = @partition_key")
            + " AND (d.expires_at IS NULL OR d.expires_at > @now)"
            + $" AND ({translated.Filter})";

        var command = connection.CreateCommand();
        command.CommandText = sql(scope);
        command.Parameters.AddWithValue("@container", container);
        if (partitionKey is not null)
        {
            command.Parameters.AddWithValue("@partition_key", partitionKey);
        }

        command.Parameters.AddWithValue("@now", now);
        foreach (var (name, value) in translated.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private async Task WriteAsync(
        Func<SqliteConnection, long, Task> write, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            var now = NowMilliseconds();
            await write(connection, now);
            await PurgeExpiredIfDueAsync(connection, now);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task PurgeExpiredIfDueAsync(SqliteConnection connection, long now)
    {
        if (now < _nextPurgeAt)
        {
            return;
        }

        _nextPurgeAt = now + (long)_purgeInterval.TotalMilliseconds;
        try
        {
            // The write that brought us here has been committed, so its caller's cancellation no longer
            // applies.
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM documents WHERE expires_at <= @now";
            command.Parameters.AddWithValue("@now", now);
            var purged = await command.ExecuteNonQueryAsync(CancellationToken.None);
            if (purged > 0)
            {
                EmbeddedStoreLog.ExpiredDocumentsPurged(logger, purged);
            }
        }
        catch (SqliteException exception)
        {
            // Expired rows are already invisible; failing the caller's write over housekeeping would be
            // wrong.
            EmbeddedStoreLog.ExpiredDocumentsPurgeFailed(logger, exception);
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var connection = await OpenAsync(cancellationToken);

            // WAL lets readers go on while a writer writes. The mode is stored in the file.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);

            await using var versionCommand = connection.CreateCommand();
            versionCommand.CommandText = "PRAGMA user_version;";
            var version = (long)(await versionCommand.ExecuteScalarAsync(cancellationToken))!;
            if (version > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"{DatabasePath} has schema version {version}, written by a newer build; this build knows "
                    + $"version {SchemaVersion}.");
            }

            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                if (version < SchemaVersion)
                {
                    await using var schemaCommand = connection.CreateCommand();
                    schemaCommand.Transaction = transaction;
                    schemaCommand.CommandText = Schema + $"PRAGMA user_version = {SchemaVersion};";
                    await schemaCommand.ExecuteNonQueryAsync(cancellationToken);
                }

                await SqliteDeclaredIndexes.ApplyAsync(
                    connection, transaction, StorageContainers.IndexedFields, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            EmbeddedStoreLog.DatabaseOpened(logger, DatabasePath, SchemaVersion);
            _initialized = true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per-connection settings; a pooled connection keeps them, but setting them again costs next to
            // nothing. synchronous = NORMAL is safe with WAL: a power cut can lose the last commits but not
            // corrupt the file.
            await ExecuteAsync(
                connection,
                $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;",
                cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ThrowWhyUnchangedAsync(
        SqliteTransaction transaction, string container, string partitionKey, string id, long now,
        CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT 1 FROM documents WHERE {KeyMatches} AND {LiveDocument}";
        AddKey(command, container, partitionKey, id);
        command.Parameters.AddWithValue("@now", now);

        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw NotFound(container, partitionKey, id);
        }

        throw new DocumentPreconditionFailedException(
            $"Document '{id}' in partition '{partitionKey}' of '{container}' changed since the given ETag.");
    }

    private static DocumentNotFoundException NotFound(string container, string partitionKey, string id) =>
        new($"No document '{id}' in partition '{partitionKey}' of '{container}'.");

    private static void AddKey(SqliteCommand command, string container, string partitionKey, string id)
    {
        command.Parameters.AddWithValue("@container", container);
        command.Parameters.AddWithValue("@partition_key", partitionKey);
        command.Parameters.AddWithValue("@id", id);
    }

    private static void AddRow(
        SqliteCommand command, string container, string partitionKey, string id, string etag,
        SerializedDocument serialized, long now)
    {
        AddKey(command, container, partitionKey, id);
        command.Parameters.AddWithValue("@etag", etag);
        command.Parameters.AddWithValue("@body", serialized.Json);
        command.Parameters.AddWithValue(
            "@expires_at", serialized.TtlSeconds is { } seconds ? now + (seconds * 1000L) : DBNull.Value);
        command.Parameters.AddWithValue("@now", now);
    }

    private static StoredDocument<T> ToStoredDocument<T>(SqliteDataReader reader)
    {
        var document = JsonSerializer.Deserialize<T>(reader.GetString(1), RecomAmpJson.Options)
            ?? throw new InvalidOperationException("A stored document's body is JSON null.");
        return new StoredDocument<T>(document, reader.GetString(0));
    }

    // Quoted like a Cosmos DB ETag, so callers never depend on its inner shape.
    private static string NewETag() => $"\"{Guid.NewGuid()}\"";

    private long NowMilliseconds() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
