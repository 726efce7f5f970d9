using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace RecomAmp.Core.Storage.Embedded;

/// <summary>
/// Turns <see cref="StorageContainers.IndexedFields"/> into SQLite expression indexes: one per field, on
/// (container, the field's value, id, partition key), partial on its container so that other containers' rows
/// cost nothing. A cross-partition query with the field in an equality or range condition reads only the
/// matching range, already in the order <c>ORDER BY field, id</c> asks for.
/// </summary>
/// <remarks>
/// The indexes are derived from the declaration, so they are created when missing and dropped when no longer
/// declared each time a store opens its file, without a schema version. The container leads each index, ahead
/// of the field, so that SQLite prefers it to the container-wide index even before it has statistics.
/// </remarks>
internal static partial class SqliteDeclaredIndexes
{
    private const string NamePrefix = "ixf_";

    /// <summary>The CREATE INDEX statements for a declaration, by index name.</summary>
    public static IReadOnlyDictionary<string, string> Statements(
        IReadOnlyDictionary<string, IReadOnlyList<string>> declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (container, fields) in declaration)
        {
            if (!ContainerName().IsMatch(container))
            {
                throw new InvalidOperationException(
                    $"Indexed container '{container}' is not a name of lower-case letters, digits and "
                    + "underscores.");
            }

            foreach (var field in fields)
            {
                var value = SqliteQueryTranslator.FieldValueSql("body", field);
                var name = $"{NamePrefix}{container}__{field.Replace(".", "__", StringComparison.Ordinal)}";
                var statement = $"CREATE INDEX IF NOT EXISTS \"{name}\" ON documents "
                    + $"(container, {value}, id, partition_key) WHERE container = '{container}';";
                if (!statements.TryAdd(name, statement))
                {
                    throw new InvalidOperationException(
                        $"Two indexed fields of '{container}' would share the index name {name}.");
                }
            }
        }

        return statements;
    }

    /// <summary>Creates the declared indexes that are missing and drops those no longer declared.</summary>
    public static async Task ApplyAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyDictionary<string, IReadOnlyList<string>> declaration,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var statements = Statements(declaration);

        var existing = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText =
                "SELECT name FROM sqlite_master WHERE type = 'index' AND substr(name, 1, 4) = @prefix";
            list.Parameters.AddWithValue("@prefix", NamePrefix);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        var sql = string.Concat(existing
            .Where(name => !statements.ContainsKey(name))
            .Select(name => $"DROP INDEX IF EXISTS {Quoted(name)};")
            .Concat(statements.Values));
        if (sql.Length == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quoted(string name) =>
        "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}
