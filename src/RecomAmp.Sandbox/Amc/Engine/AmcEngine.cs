using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// Runs AMC SQL on DuckDB over synthetic data. The data is built once, in memory, on first use; every run gets
/// its own connection to it with per-run temporary views (each AMC table cut to the run's time window), its own
/// parameter variables, so runs can go on at the same time. Thread-safe.
/// </summary>
public sealed partial class AmcEngine : IDisposable
{
    private const int MaxSqlLength = 200_000;
    private const string ResultTable = "__amc_result";
    private const string RowColumn = "__amc_row";

    /// <summary>The event-time column each table is cut on; tables not listed have none and are not cut.</summary>
    private static readonly Dictionary<string, string> _timeColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dsp_impressions"] = "impression_dt_utc",
        ["dsp_clicks"] = "click_dt_utc",
        ["dsp_views"] = "event_dt_utc",
        ["dsp_impressions_by_matched_segments"] = "impression_dt_utc",
        ["dsp_impressions_by_user_segments"] = "impression_dt_utc",
        ["dsp_video_events_feed"] = "impression_dt_utc",
        ["sponsored_ads_traffic"] = "event_dt_utc",
        ["amazon_attributed_events_by_conversion_time"] = "conversion_event_dt_utc",
        ["amazon_attributed_events_by_traffic_time"] = "traffic_event_dt_utc",
        ["conversions"] = "event_dt_utc",
        ["conversions_with_relevance"] = "event_dt_utc",
        ["conversions_all"] = "event_dt_utc",
        ["amazon_retail_purchases"] = "purchase_dt_utc",
        ["experian_vehicle_purchases"] = "purchase_date",
        ["amazon_pvc_streaming_events_feed"] = "pv_playback_dt_utc",
        ["amazon_brand_store_page_views"] = "event_dt_utc",
        ["amazon_brand_store_engagement_events"] = "event_dt_utc",
    };

    private readonly AmcDataOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AmcEngine> _logger;
    private readonly Lazy<DuckDBConnection> _database;
    private readonly Lock _duplicateLock = new();
    private readonly string _resultsRoot;
    private string _catalog = "memory";

    /// <param name="options">Size and seed of the data.</param>
    /// <param name="timeProvider">"Today": the data covers the 13 months before the moment it is built.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="resultsRoot">The only folder queries may touch on disk: result files are written below it,
    /// and DuckDB's file access is shut everywhere else (so <c>read_csv('/etc/passwd')</c> fails).</param>
    public AmcEngine(AmcDataOptions options, TimeProvider timeProvider, ILogger<AmcEngine> logger, string resultsRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(resultsRoot);
        _options = options;
        _resultsRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(resultsRoot)) + Path.DirectorySeparatorChar;
        _timeProvider = timeProvider;
        _logger = logger;
        _database = new Lazy<DuckDBConnection>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public AmcSchema Schema { get; } = AmcSchema.Embedded;

    /// <summary>How long building the synthetic data took (zero until it is built).</summary>
    public TimeSpan DataGenerationTime { get; private set; }

    /// <summary>The UTC moment the data ends at: it covers the 13 months before it.</summary>
    public DateTime DataEndUtc { get; private set; }

    /// <summary>Builds the data now rather than on the first run.</summary>
    public void EnsureBuilt() => _ = _database.Value;

    /// <summary>Checks a query as AMC does before accepting an execution; throws when AMC would refuse it.</summary>
    /// <exception cref="AmcCompileException">The query is refused; the message says why and where.</exception>
    public void Compile(AmcQueryRequest request)
    {
        using var connection = OpenRun(request, out var translated);
        _ = Analyze(connection, request, translated);
    }

    /// <summary>Runs a query and writes its rows as CSV files into <paramref name="outputDirectory"/>, which must
    /// lie inside the engine's results root.</summary>
    /// <exception cref="AmcCompileException">The query is refused.</exception>
    /// <exception cref="AmcRuntimeException">The query failed while running.</exception>
    public AmcQueryResult Execute(
        AmcQueryRequest request, string outputDirectory, int maxRowsPerFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (!Path.GetFullPath(outputDirectory).StartsWith(_resultsRoot, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The output folder must lie inside {_resultsRoot}.", nameof(outputDirectory));
        }

        using var connection = OpenRun(request, out var translated);
        var plan = Analyze(connection, request, translated);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            long unfiltered = 0;
            if (plan.Threshold is { } threshold)
            {
                Run(connection, $"CREATE TEMP TABLE __amc_unfiltered AS {plan.Sql}", cancellationToken);
                unfiltered = Scalar<long>(connection, "SELECT count(*) FROM __amc_unfiltered");
                Run(connection, $"CREATE TEMP TABLE {ResultTable} AS SELECT row_number() OVER () AS {RowColumn}, " +
                    $"* EXCLUDE ({AmcQueryAnalyzer.UsersColumn}) FROM __amc_unfiltered " +
                    $"WHERE coalesce(len(list_distinct({AmcQueryAnalyzer.UsersColumn})), 0) >= {threshold}",
                    cancellationToken);
            }
            else
            {
                Run(connection, $"CREATE TEMP TABLE {ResultTable} AS SELECT row_number() OVER () AS {RowColumn}, * " +
                    $"FROM ({plan.Sql}) AS __amc_query", cancellationToken);
            }

            var rows = Scalar<long>(connection, $"SELECT count(*) FROM {ResultTable}");
            var columns = Columns(connection);
            var files = WriteCsv(connection, outputDirectory, rows, Math.Max(1, maxRowsPerFile), cancellationToken);
            return new AmcQueryResult(columns, rows, plan.Threshold is null ? 0 : unfiltered - rows,
                plan.Threshold, files);
        }
        catch (DuckDBException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The run was cancelled.", ex, cancellationToken);
        }
        catch (DuckDBException ex)
        {
            throw new AmcRuntimeException(FirstLine(ex.Message), ex);
        }
    }

    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }

    private DuckDBConnection Build()
    {
        var stopwatch = Stopwatch.StartNew();
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        try
        {
            foreach (var statement in AmcSyntheticData.BuildStatements(Schema, _options, now))
            {
                Run(connection, statement, CancellationToken.None);
            }

            foreach (var statement in AmcMacros.Statements)
            {
                Run(connection, statement, CancellationToken.None);
            }

            _catalog = Scalar<string>(connection, "SELECT current_database()");

            // Queries are the caller's text: keep DuckDB's file functions (read_csv, COPY...) inside the results.
            Directory.CreateDirectory(_resultsRoot);
            Run(connection, $"SET allowed_directories = [{SqlString(_resultsRoot)}]", CancellationToken.None);
            Run(connection, "SET enable_external_access = false", CancellationToken.None);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        DataEndUtc = now;
        DataGenerationTime = stopwatch.Elapsed;
        LogDataBuilt(_logger, _options.EventsPerTable, (long)DataGenerationTime.TotalMilliseconds);
        return connection;
    }

    /// <summary>A connection for one run: the run's variables, the windowed views and the translated SQL.</summary>
    private DuckDBConnection OpenRun(AmcQueryRequest request, out AmcTranslatedQuery translated)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            throw new AmcCompileException("The query is empty.");
        }

        if (request.Sql.Length > MaxSqlLength)
        {
            throw new AmcCompileException($"The query is longer than {MaxSqlLength} characters.");
        }

        if (request.WindowEndUtc <= request.WindowStartUtc)
        {
            throw new AmcCompileException("The time window must end after it starts.");
        }

        var parameters = ParameterLiterals(request);
        translated = AmcSqlTranslator.Translate(request.Sql, parameters.Keys.ToHashSet(StringComparer.Ordinal),
            Schema, _timeProvider.GetUtcNow().UtcDateTime);

        var database = _database.Value;
        DuckDBConnection connection;
        lock (_duplicateLock)
        {
            connection = database.Duplicate();
        }

        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                connection.Open();
            }

            var setup = new StringBuilder();
            foreach (var (name, literal) in parameters)
            {
                var variable = AmcMacros.ParameterVariablePrefix + name.ToLowerInvariant();
                setup.Append($"SET VARIABLE {variable} = {literal};\n");
            }

            setup.Append($"SET VARIABLE {AmcMacros.BuiltInVariablePrefix}time_window_start = " +
                $"{TimestampLiteral(request.WindowStartUtc)};\n");
            setup.Append($"SET VARIABLE {AmcMacros.BuiltInVariablePrefix}time_window_end = " +
                $"{TimestampLiteral(request.WindowEndUtc)};\n");
            foreach (var table in Schema.Tables)
            {
                AppendView(setup, table.Name, table.Name, request.WindowStartUtc, request.WindowEndUtc);
                if (table.AudienceTableName is not null)
                {
                    AppendView(setup, table.AudienceTableName, table.Name, request.WindowStartUtc,
                        request.WindowEndUtc);
                }
            }

            foreach (var extended in translated.ExtendedTables)
            {
                AppendView(setup, extended.ViewName, extended.TableName, request.WindowStartUtc - extended.Before,
                    request.WindowEndUtc + extended.After);
            }

            Run(connection, setup.ToString(), CancellationToken.None);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void AppendView(StringBuilder setup, string viewName, string tableName, DateTime start, DateTime end)
    {
        setup.Append($"CREATE OR REPLACE TEMP VIEW \"{viewName}\" AS ")
            .Append($"SELECT * FROM \"{_catalog}\".main.\"{tableName}\"");
        if (_timeColumns.TryGetValue(tableName, out var column))
        {
            setup.Append($" WHERE \"{column}\" >= {TimestampLiteral(start)}")
                .Append($" AND \"{column}\" < {TimestampLiteral(end)}");
        }

        setup.Append(";\n");
    }

    private RunPlan Analyze(DuckDBConnection connection, AmcQueryRequest request, AmcTranslatedQuery translated)
    {
        var parsed = Parse(connection, translated);
        var statements = parsed["statements"]!.AsArray();
        if (statements.Count != 1)
        {
            throw new AmcCompileException("A workflow holds exactly one SELECT statement.");
        }

        var root = statements[0]!["node"]!.AsObject();
        var viewTables = translated.ExtendedTables.ToDictionary(
            e => e.ViewName, e => e.TableName, StringComparer.OrdinalIgnoreCase);
        var analyzer = new AmcQueryAnalyzer(root, Schema, viewTables, item => ParseSelectItem(connection, item));
        analyzer.CheckOutput();
        Bind(connection, translated);

        if (request.DisableAggregationControls || analyzer.IsAudienceQuery)
        {
            return new RunPlan(translated.Sql, null);
        }

        var threshold = analyzer.OutputThresholdClass() >= AmcThresholdClass.Medium ? 100 : 2;
        try
        {
            if (!analyzer.AddUserLineage())
            {
                return new RunPlan(translated.Sql, null);
            }

            var sql = Scalar<string>(connection,
                $"SELECT json_deserialize_sql(CAST({SqlString(parsed.ToJsonString())} AS JSON))");
            Bind(connection, new AmcTranslatedQuery(sql, translated.ExtendedTables, translated.Editor));
            return new RunPlan(sql, threshold);
        }
        catch (Exception ex) when (ex is NotSupportedException or AmcCompileException or DuckDBException)
        {
            // The query uses a construct the user lineage cannot follow; it runs, but without the threshold.
            LogThresholdSkipped(_logger, ex);
            return new RunPlan(translated.Sql, null);
        }
    }

    private static JsonObject Parse(DuckDBConnection connection, AmcTranslatedQuery translated)
    {
        var json = Scalar<string>(connection, $"SELECT json_serialize_sql({SqlString(translated.Sql)})");
        var parsed = JsonNode.Parse(json)!.AsObject();
        if (parsed["error"]?.GetValue<bool>() != true)
        {
            return parsed;
        }

        var message = (string?)parsed["error_message"] ?? "syntax error";
        var type = (string?)parsed["error_type"];
        if (type == "not implemented" || message.Contains("Only SELECT", StringComparison.OrdinalIgnoreCase))
        {
            throw new AmcCompileException("Only SELECT queries can run in AMC: " + message);
        }

        if (int.TryParse((string?)parsed["position"], NumberStyles.Integer, CultureInfo.InvariantCulture,
                out var position))
        {
            var (offset, exact) = translated.Editor.ToOriginal(position);
            throw AmcCompileException.At(OriginalText(translated), offset, "Syntax error: " + message, !exact);
        }

        throw new AmcCompileException("Syntax error: " + message);
    }

    private static string OriginalText(AmcTranslatedQuery translated) => translated.Editor.Original;

    private static void Bind(DuckDBConnection connection, AmcTranslatedQuery translated)
    {
        try
        {
            Run(connection, "DESCRIBE " + translated.Sql, CancellationToken.None);
        }
        catch (DuckDBException ex)
        {
            var match = LinePosition().Match(ex.Message);
            throw new AmcCompileException("Compile error: " + FirstLine(ex.Message)
                + (match.Success ? " (position is in the translated query)" : string.Empty), ex);
        }
    }

    private static JsonObject ParseSelectItem(DuckDBConnection connection, string expression)
    {
        var json = Scalar<string>(connection, $"SELECT json_serialize_sql({SqlString("SELECT " + expression)})");
        return JsonNode.Parse(json)!["statements"]![0]!["node"]!["select_list"]![0]!.DeepClone().AsObject();
    }

    private static List<AmcOutputColumn> Columns(DuckDBConnection connection)
    {
        var columns = new List<AmcOutputColumn>();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE {ResultTable})";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (name != RowColumn)
            {
                columns.Add(new AmcOutputColumn(name, reader.GetString(1)));
            }
        }

        return columns;
    }

    private static List<string> WriteCsv(
        DuckDBConnection connection, string directory, long rows, int rowsPerFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var fileCount = Math.Max(1, (int)((rows + rowsPerFile - 1) / rowsPerFile));
        for (var part = 0; part < fileCount; part++)
        {
            var path = Path.Combine(directory, $"part-{part:D5}.csv");
            var from = (long)part * rowsPerFile;
            Run(connection,
                $"COPY (SELECT * EXCLUDE ({RowColumn}) FROM {ResultTable} WHERE {RowColumn} > {from} " +
                $"AND {RowColumn} <= {from + rowsPerFile} ORDER BY {RowColumn}) " +
                $"TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT csv, HEADER true)",
                cancellationToken);
            files.Add(path);
        }

        return files;
    }

    private static Dictionary<string, string> ParameterLiterals(AmcQueryRequest request)
    {
        var literals = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var parameter in request.InputParameters ?? [])
        {
            CheckParameterName(parameter.Name);
            types[parameter.Name] = parameter.DataType;
            literals[parameter.Name] = parameter.DefaultValue is { } value
                ? Literal(parameter.Name, value, parameter.DataType)
                : "NULL";
        }

        foreach (var (name, value) in request.ParameterValues ?? new Dictionary<string, JsonElement>())
        {
            CheckParameterName(name);
            literals[name] = Literal(name, value, types.GetValueOrDefault(name));
        }

        return literals;
    }

    private static void CheckParameterName(string name)
    {
        if (!ParameterName().IsMatch(name))
        {
            throw new AmcCompileException(
                $"Parameter name '{name}' must start with a letter and hold only letters, digits and underscores.");
        }
    }

    private static string Literal(string name, JsonElement value, string? dataType)
    {
        var type = dataType?.ToUpperInvariant();
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "NULL";
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean() ? "true" : "false";
            case JsonValueKind.Number:
                return value.TryGetInt64(out var whole)
                    ? whole.ToString(CultureInfo.InvariantCulture)
                    : value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                var text = "'" + value.GetString()!.Replace("'", "''", StringComparison.Ordinal) + "'";
                return type switch
                {
                    "DATE" => $"CAST({text} AS DATE)",
                    "TIMESTAMP" => $"CAST({text} AS TIMESTAMP)",
                    "INTEGER" or "LONG" or "BIGINT" => $"CAST({text} AS BIGINT)",
                    "DOUBLE" or "FLOAT" or "DECIMAL" => $"CAST({text} AS DOUBLE)",
                    "BOOLEAN" => $"CAST({text} AS BOOLEAN)",
                    _ => text,
                };
            case JsonValueKind.Array:
                var elements = value.EnumerateArray().Select(e => Literal(name, e, null)).ToList();
                return elements.Count == 0 ? "[]::VARCHAR[]" : "[" + string.Join(", ", elements) + "]";
            default:
                throw new AmcCompileException($"Parameter '{name}' must be a string, number, boolean or list.");
        }
    }

    private static void Run(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var registration = cancellationToken.Register(command.Cancel);
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        var result = command.ExecuteScalar();
        return (T)Convert.ChangeType(result!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>A DuckDB string literal; json_serialize_sql accepts constants only, not bound parameters.</summary>
    private static string SqlString(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string TimestampLiteral(DateTime value) =>
        $"TIMESTAMP '{value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : message;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,127}$")]
    private static partial Regex ParameterName();

    [GeneratedRegex("LINE \\d+:")]
    private static partial Regex LinePosition();

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "AMC sandbox data built: {EventsPerTable} events per main table in {ElapsedMs} ms")]
    private static partial void LogDataBuilt(ILogger logger, int eventsPerTable, long elapsedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "AMC sandbox cannot follow the users of this query; it runs without aggregation thresholds")]
    private static partial void LogThresholdSkipped(ILogger logger, Exception exception);

    private sealed record RunPlan(string Sql, int? Threshold);
}
