namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// AMC functions DuckDB lacks or names differently, as DuckDB macros created once in the shared database.
/// CUSTOM_PARAMETER and BUILT_IN_PARAMETER are rewritten to <c>getvariable</c> (which needs a constant name, so a
/// macro cannot build it) reading variables that each execution sets on its own connection.
/// </summary>
internal static class AmcMacros
{
    public const string ParameterVariablePrefix = "amc_param_";
    public const string BuiltInVariablePrefix = "amc_builtin_";

    public static IReadOnlyList<string> Statements { get; } =
    [
        "CREATE OR REPLACE MACRO seconds_between(a, b) AS " +
        "date_diff('second', CAST(a AS TIMESTAMP), CAST(b AS TIMESTAMP))",
        "CREATE OR REPLACE MACRO cardinality(x) AS len(x)",
        "CREATE OR REPLACE MACRO dayofweek(d) AS extract('dow' FROM d) + 1",
        "CREATE OR REPLACE MACRO nvl(a, b) AS coalesce(a, b)",
        "CREATE OR REPLACE MACRO nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END",
        "CREATE OR REPLACE MACRO charindex(needle, haystack) AS instr(haystack, needle)",
        "CREATE OR REPLACE MACRO locate(needle, haystack) AS instr(haystack, needle)",
        "CREATE OR REPLACE MACRO regexp_substr(s, p) AS nullif(regexp_extract(s, p), '')",
        "CREATE OR REPLACE MACRO regexp_split(s, p) AS regexp_split_to_array(s, p)",
        "CREATE OR REPLACE MACRO e() AS exp(1)",
        "CREATE OR REPLACE MACRO epoch_to_utc_timestamp(x) AS CASE WHEN x > 100000000000 " +
        "THEN make_timestamp(CAST(x AS BIGINT) * 1000) ELSE make_timestamp(CAST(x AS BIGINT) * 1000000) END",
        "CREATE OR REPLACE MACRO array_complement(a, b) AS list_filter(a, x -> NOT list_contains(b, x))",
        "CREATE OR REPLACE MACRO array_remove(a, v) AS list_filter(a, x -> x <> v)",
        "CREATE OR REPLACE MACRO array_union(a, b) AS list_distinct(list_concat(a, b))",
        "CREATE OR REPLACE MACRO percentile(x, p) AS quantile_cont(x, p)",
        "CREATE OR REPLACE MACRO approx_percentile(x, p) AS approx_quantile(x, p)",
        "CREATE OR REPLACE MACRO hash64(x) AS CAST(hash(x) >> 1 AS BIGINT)",
        "CREATE OR REPLACE MACRO json_serialize(x) AS CAST(x AS VARCHAR)",
    ];
}
