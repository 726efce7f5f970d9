using System.Text.Json.Nodes;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// Reads DuckDB's parse tree of a translated query (<c>json_serialize_sql</c>) to do what AMC does after
/// parsing: refuse VERY_HIGH and INTERNAL columns in the output, find the aggregation threshold of the output,
/// and thread the contributing users through the query so rows under the threshold can be dropped.
/// </summary>
/// <remarks>
/// Column lineage is followed by name through CTEs and subqueries. An output column is "passed through" when it
/// is a bare column (possibly under CAST or COALESCE) all the way down to a table; only those are refused as
/// VERY_HIGH/INTERNAL, so expressions that merely test a user id (<c>CASE WHEN user_id IS NULL ...</c>) pass, as
/// in AMC. The threshold class counts the columns an output row is grouped or labelled by; columns used only
/// inside aggregates or window functions are metrics and do not raise it.
/// <para>
/// Limits of this simulation, plainly: users flow only through FROM-clause relations (tables, CTEs, subqueries,
/// joins, set operations), not through subqueries inside expressions such as <c>IN (SELECT ...)</c>; a UNION
/// (without ALL) keeps apart rows that differ only in their users, where AMC would merge them; failing rows are
/// always dropped (the filteredMetricsDiscriminatorColumn / NULL-and-reaggregate options are not emulated);
/// the "no literal filters on HIGH and VERY_HIGH columns" rule and the "an analytics query must aggregate" rule
/// are not enforced; audience queries get no threshold and no 2,000-user minimum. A query whose shape the
/// lineage cannot follow (NATURAL or POSITIONAL joins, DISTINCT ON, column alias lists on subqueries, PIVOT)
/// runs without thresholds and the engine logs a warning.
/// </para>
/// </remarks>
internal sealed class AmcQueryAnalyzer(
    JsonObject root, AmcSchema schema, IReadOnlyDictionary<string, string> viewTables,
    Func<string, JsonNode> parseSelectItem)
{
    /// <summary>Name of the hidden column holding the list of users behind each row.</summary>
    public const string UsersColumn = "__amc_u";

    private const int MaxDepth = 40;
    private static readonly HashSet<string> _aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "count_star", "sum", "avg", "mean", "min", "max", "list", "array_agg", "string_agg", "listagg",
        "median", "mode", "quantile", "quantile_cont", "quantile_disc", "approx_quantile", "percentile",
        "approx_percentile", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "skewness",
        "kurtosis", "approx_count_distinct", "bool_and", "bool_or", "first", "last", "any_value", "arg_max",
        "arg_min", "max_by", "min_by", "product", "histogram", "bit_and", "bit_or", "bit_xor", "corr",
        "covar_pop", "covar_samp", "entropy", "fsum", "sumkahan", "kahan_sum", "favg", "geomean", "regr_slope",
        "array_agg_distinct", "count_if", "sum_no_overflow",
    };

    private static readonly HashSet<string> _passThroughFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "coalesce", "ifnull", "nvl",
    };

    private int _aliasCounter;

    /// <summary>True when the query reads an audience table (<c>*_for_audiences</c>).</summary>
    public bool IsAudienceQuery => Descendants(root).OfType<JsonObject>()
        .Any(o => Str(o["type"]) == "BASE_TABLE" && schema.IsAudienceTable(Str(o["table_name"]) ?? ""));

    /// <summary>Refuses outputs AMC would refuse; audience queries must return <c>user_id</c> alone.</summary>
    public void CheckOutput()
    {
        var outputs = OutputItems(root, Scope.Empty).ToList();
        if (IsAudienceQuery)
        {
            var onlyUserId = outputs.Count == 1
                && PassThrough(outputs[0].Item, outputs[0].Node, outputs[0].Scope, 0)
                    .Any(f => string.Equals(f.Name, "user_id", StringComparison.OrdinalIgnoreCase));
            if (!onlyUserId)
            {
                throw new AmcCompileException(
                    "An audience query (reading *_for_audiences tables) must return only the user_id column");
            }

            return;
        }

        foreach (var (item, node, scope) in outputs)
        {
            var forbidden = PassThrough(item, node, scope, 0).FirstOrDefault(f => f.IsForbiddenInOutput);
            if (forbidden is not null)
            {
                var level = forbidden.Threshold == AmcThresholdClass.Internal ? "INTERNAL" : "VERY_HIGH";
                throw new AmcCompileException(
                    $"Column '{forbidden.Name}' has aggregation threshold {level} and cannot be returned in the " +
                    "output; use it only in joins, filters or COUNT(DISTINCT ...)");
            }
        }
    }

    /// <summary>The highest threshold class among the columns the output rows are grouped or labelled by.</summary>
    public AmcThresholdClass OutputThresholdClass()
    {
        var result = AmcThresholdClass.Low;
        foreach (var (item, node, scope) in OutputItems(root, Scope.Empty))
        {
            var itemClass = DimensionClass(item, node, scope, 0);
            if (itemClass > result)
            {
                result = itemClass;
            }
        }

        return result;
    }

    /// <summary>
    /// Adds the hidden <see cref="UsersColumn"/> (a list of user ids) to every query node whose rows come from
    /// tables with users: a base table row carries its own user, a grouped row the distinct users of its group,
    /// a joined row the users of both sides. Returns false when no table of the query has users.
    /// </summary>
    /// <exception cref="NotSupportedException">A construct the lineage cannot follow (NATURAL join...).</exception>
    public bool AddUserLineage() => AddUsers(root, Scope.Empty, 0);

    private static IEnumerable<(JsonObject Item, JsonObject Node, Scope Scope)> OutputItems(
        JsonObject node, Scope scope)
    {
        scope = scope.With(node);
        if (Str(node["type"]) == "SET_OPERATION_NODE")
        {
            foreach (var side in new[] { "left", "right" })
            {
                if (node[side] is JsonObject child)
                {
                    foreach (var output in OutputItems(child, scope))
                    {
                        yield return output;
                    }
                }
            }

            yield break;
        }

        foreach (var item in SelectList(node))
        {
            yield return (item, node, scope);
        }
    }

    private List<AmcField> PassThrough(JsonObject expression, JsonObject node, Scope scope, int depth)
    {
        var fields = new List<AmcField>();
        if (depth > MaxDepth)
        {
            return fields;
        }

        switch (Str(expression["class"]))
        {
            case "COLUMN_REF":
                foreach (var source in Resolve(expression, node, scope, depth))
                {
                    if (source.Field is not null)
                    {
                        fields.Add(source.Field);
                    }
                    else if (source.Item is not null)
                    {
                        fields.AddRange(PassThrough(source.Item, source.Node!, source.Scope!, depth + 1));
                    }
                }

                break;
            case "CAST" when expression["child"] is JsonObject child:
                fields.AddRange(PassThrough(child, node, scope, depth + 1));
                break;
            case "FUNCTION" when _passThroughFunctions.Contains(Str(expression["function_name"]) ?? ""):
                foreach (var child in Children(expression))
                {
                    fields.AddRange(PassThrough(child, node, scope, depth + 1));
                }

                break;
        }

        return fields;
    }

    private AmcThresholdClass DimensionClass(JsonNode? expression, JsonObject node, Scope scope, int depth)
    {
        var result = AmcThresholdClass.None;
        if (expression is null || depth > MaxDepth)
        {
            return result;
        }

        if (expression is JsonArray array)
        {
            foreach (var element in array)
            {
                result = Max(result, DimensionClass(element, node, scope, depth));
            }

            return result;
        }

        if (expression is not JsonObject obj)
        {
            return result;
        }

        var kind = Str(obj["class"]);
        if (kind is "WINDOW" or "SUBQUERY" || (kind == "FUNCTION" && IsAggregate(obj)))
        {
            return result;
        }

        if (kind == "COLUMN_REF")
        {
            foreach (var source in Resolve(obj, node, scope, depth))
            {
                if (source.Field is { Threshold: AmcThresholdClass.Low or AmcThresholdClass.Medium
                    or AmcThresholdClass.High } field)
                {
                    result = Max(result, field.Threshold);
                }
                else if (source.Item is not null)
                {
                    result = Max(result, DimensionClass(source.Item, source.Node!, source.Scope!, depth + 1));
                }
            }

            return result;
        }

        foreach (var property in obj)
        {
            if (property.Value is JsonObject or JsonArray)
            {
                result = Max(result, DimensionClass(property.Value, node, scope, depth));
            }
        }

        return result;
    }

    private IEnumerable<Source> Resolve(JsonObject columnRef, JsonObject node, Scope scope, int depth)
    {
        var names = columnRef["column_names"]!.AsArray().Select(n => (string)n!).ToList();
        var name = names[^1];
        var qualifier = names.Count > 1 ? names[^2] : null;
        if (Str(node["type"]) != "SELECT_NODE")
        {
            yield break;
        }

        foreach (var relation in Relations(node["from_table"] as JsonObject, scope))
        {
            if (qualifier is not null && !string.Equals(relation.Alias, qualifier, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (relation.Table?.FindField(name) is { } field)
            {
                yield return new Source(field, null, null, null);
            }
            else if (relation.Node is not null)
            {
                foreach (var source in FindItem(relation.Node, relation.Aliases, name, relation.Scope!, depth + 1))
                {
                    yield return source;
                }
            }
        }
    }

    private IEnumerable<Source> FindItem(
        JsonObject node, IReadOnlyList<string> aliases, string name, Scope scope, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }

        scope = scope.With(node);
        if (Str(node["type"]) == "SET_OPERATION_NODE")
        {
            if (node["left"] is JsonObject left)
            {
                foreach (var source in FindItem(left, aliases, name, scope, depth + 1))
                {
                    yield return source;
                }
            }

            yield break;
        }

        var items = SelectList(node).ToList();
        var hasStar = false;
        for (var i = 0; i < items.Count; i++)
        {
            var itemName = i < aliases.Count ? aliases[i] : ItemName(items[i]);
            hasStar |= Str(items[i]["class"]) == "STAR";
            if (string.Equals(itemName, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return new Source(null, items[i], node, scope);
                yield break;
            }
        }

        if (hasStar)
        {
            var star = new JsonObject { ["class"] = "COLUMN_REF", ["column_names"] = new JsonArray(name) };
            foreach (var source in Resolve(star, node, scope, depth + 1))
            {
                yield return source;
            }
        }
    }

    private List<Relation> Relations(JsonObject? tableRef, Scope scope)
    {
        var relations = new List<Relation>();
        if (tableRef is null)
        {
            return relations;
        }

        var alias = Str(tableRef["alias"]) ?? "";
        switch (Str(tableRef["type"]))
        {
            case "BASE_TABLE":
                var name = Str(tableRef["table_name"]) ?? "";
                var shownAs = alias.Length > 0 ? alias : name;
                var schemaName = Str(tableRef["schema_name"]) ?? "";
                if (schemaName.Length == 0 && scope.Find(name) is { } cte)
                {
                    relations.Add(new Relation(shownAs, null, cte.Node, cte.Aliases, cte.Scope));
                }
                else
                {
                    var table = schema.Find(viewTables.GetValueOrDefault(name) ?? name);
                    relations.Add(new Relation(shownAs, table, null, [], null));
                }

                break;
            case "SUBQUERY" when (tableRef["subquery"]?["node"]) is JsonObject subquery:
                var columnAliases = tableRef["column_name_alias"]?.AsArray().Select(a => (string)a!).ToList() ?? [];
                relations.Add(new Relation(alias, null, subquery, columnAliases, scope));
                break;
            case "JOIN":
                relations.AddRange(Relations(tableRef["left"] as JsonObject, scope));
                var joinType = Str(tableRef["join_type"]);
                if (joinType is not ("SEMI" or "ANTI"))
                {
                    relations.AddRange(Relations(tableRef["right"] as JsonObject, scope));
                }

                break;
            default:
                relations.Add(new Relation(alias, null, null, [], null));
                break;
        }

        return relations;
    }

    private bool AddUsers(JsonObject node, Scope scope, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new NotSupportedException("The query nests too deeply to follow its users.");
        }

        var withCtes = scope;
        if (node["cte_map"]?["map"] is JsonArray ctes)
        {
            foreach (var entry in ctes.OfType<JsonObject>())
            {
                var cteNode = entry["value"]?["query"]?["node"] as JsonObject
                    ?? throw new NotSupportedException("A CTE without a query.");
                var hasUsers = AddUsers(cteNode, withCtes, depth + 1);
                var aliases = entry["value"]?["aliases"]?.AsArray().Select(a => (string)a!).ToList() ?? [];
                withCtes = withCtes.Add((string)entry["key"]!, cteNode, aliases, hasUsers);
            }
        }

        switch (Str(node["type"]))
        {
            case "SET_OPERATION_NODE":
                var left = node["left"] as JsonObject ?? throw new NotSupportedException("A set operation side.");
                var right = node["right"] as JsonObject ?? throw new NotSupportedException("A set operation side.");
                var leftUsers = AddUsers(left, withCtes, depth + 1);
                var rightUsers = AddUsers(right, withCtes, depth + 1);
                if (leftUsers != rightUsers)
                {
                    AddEmptyUsers(leftUsers ? right : left);
                }

                return leftUsers || rightUsers;
            case "SELECT_NODE":
                return AddUsersToSelect(node, withCtes, depth);
            default:
                throw new NotSupportedException($"Query node {Str(node["type"])} is not followed.");
        }
    }

    private bool AddUsersToSelect(JsonObject node, Scope scope, int depth)
    {
        var userExpressions = UserSources(node["from_table"] as JsonObject, scope, depth);
        if (userExpressions.Count == 0)
        {
            return false;
        }

        var aggregated = IsAggregated(node);
        var modifiers = node["modifiers"] as JsonArray ?? [];
        var distinct = modifiers.OfType<JsonObject>().FirstOrDefault(m => Str(m["type"]) == "DISTINCT_MODIFIER");
        if (distinct is not null && !aggregated)
        {
            if (distinct["distinct_on_targets"] is JsonArray { Count: > 0 })
            {
                throw new NotSupportedException("DISTINCT ON is not followed.");
            }

            // SELECT DISTINCT keeps one row per value; grouping by every column does the same and lets the users
            // of the merged rows be gathered.
            modifiers.Remove(distinct);
            node["aggregate_handling"] = "FORCE_AGGREGATES";
            aggregated = true;
        }

        foreach (var star in SelectList(node).Where(i => Str(i["class"]) == "STAR"))
        {
            star["exclude_list"]!.AsArray().Add(UsersColumn);
        }

        string expression;
        if (aggregated)
        {
            expression = userExpressions.Count == 1 && userExpressions[0].IsSingleUser
                ? $"list(DISTINCT {userExpressions[0].Column})"
                : $"list_distinct(flatten(list({RowUsers(userExpressions)})))";
        }
        else
        {
            expression = RowUsers(userExpressions);
        }

        var item = parseSelectItem(expression);
        item["alias"] = UsersColumn;
        node["select_list"]!.AsArray().Add(item);
        return true;
    }

    private static string RowUsers(List<UserSource> sources) =>
        sources.Count == 1
            ? sources[0].AsList
            : "list_concat(" + string.Join(", ", sources.Select(s => $"coalesce({s.AsList}, []::VARCHAR[])")) + ")";

    private void AddEmptyUsers(JsonObject node)
    {
        if (Str(node["type"]) == "SET_OPERATION_NODE")
        {
            AddEmptyUsers(node["left"]!.AsObject());
            AddEmptyUsers(node["right"]!.AsObject());
            return;
        }

        var item = parseSelectItem("[]::VARCHAR[]");
        item["alias"] = UsersColumn;
        node["select_list"]!.AsArray().Add(item);
    }

    private List<UserSource> UserSources(JsonObject? tableRef, Scope scope, int depth)
    {
        var sources = new List<UserSource>();
        if (tableRef is null)
        {
            return sources;
        }

        var alias = Str(tableRef["alias"]) ?? "";
        switch (Str(tableRef["type"]))
        {
            case "BASE_TABLE":
                var name = Str(tableRef["table_name"]) ?? "";
                var shownAs = Quote(alias.Length > 0 ? alias : name);
                if ((Str(tableRef["schema_name"]) ?? "").Length == 0 && scope.Find(name) is { } cte)
                {
                    if (cte.HasUsers)
                    {
                        sources.Add(new UserSource($"{shownAs}.{UsersColumn}", false));
                    }
                }
                else if (schema.Find(viewTables.GetValueOrDefault(name) ?? name)?.FindField("user_id") is not null)
                {
                    sources.Add(new UserSource($"{shownAs}.user_id", true));
                }

                break;
            case "SUBQUERY" when (tableRef["subquery"]?["node"]) is JsonObject subquery:
                if (AddUsers(subquery, scope, depth + 1))
                {
                    if (alias.Length == 0)
                    {
                        alias = $"__amc_subquery_{++_aliasCounter}";
                        tableRef["alias"] = alias;
                    }

                    if (tableRef["column_name_alias"] is JsonArray { Count: > 0 })
                    {
                        throw new NotSupportedException("Subquery column aliases are not followed.");
                    }

                    sources.Add(new UserSource($"{Quote(alias)}.{UsersColumn}", false));
                }

                break;
            case "JOIN":
                if (Str(tableRef["ref_type"]) is "NATURAL" or "POSITIONAL")
                {
                    throw new NotSupportedException("NATURAL and POSITIONAL joins are not followed.");
                }

                sources.AddRange(UserSources(tableRef["left"] as JsonObject, scope, depth));
                if (Str(tableRef["join_type"]) is not ("SEMI" or "ANTI"))
                {
                    sources.AddRange(UserSources(tableRef["right"] as JsonObject, scope, depth));
                }

                break;
            case "EXPRESSION_LIST" or "TABLE_FUNCTION" or "EMPTY":
                break;
            default:
                throw new NotSupportedException($"Table reference {Str(tableRef["type"])} is not followed.");
        }

        return sources;
    }

    private static bool IsAggregated(JsonObject node) =>
        node["group_expressions"] is JsonArray { Count: > 0 }
        || Str(node["aggregate_handling"]) == "FORCE_AGGREGATES"
        || node["having"] is JsonObject
        || SelectList(node).Any(ContainsAggregate);

    private static bool ContainsAggregate(JsonNode? expression) => expression switch
    {
        JsonArray array => array.Any(ContainsAggregate),
        JsonObject obj when Str(obj["class"]) is "WINDOW" or "SUBQUERY" => false,
        JsonObject obj when Str(obj["class"]) == "FUNCTION" && IsAggregate(obj) => true,
        JsonObject obj => obj.Any(p => p.Value is JsonObject or JsonArray && ContainsAggregate(p.Value)),
        _ => false,
    };

    private static bool IsAggregate(JsonObject function) =>
        _aggregates.Contains(Str(function["function_name"]) ?? "");

    private static IEnumerable<JsonObject> SelectList(JsonObject node) =>
        node["select_list"] is JsonArray list ? list.OfType<JsonObject>() : [];

    private static IEnumerable<JsonObject> Children(JsonObject expression) =>
        expression["children"] is JsonArray children ? children.OfType<JsonObject>() : [];

    private static string? ItemName(JsonObject item)
    {
        var alias = Str(item["alias"]);
        if (!string.IsNullOrEmpty(alias))
        {
            return alias;
        }

        return Str(item["class"]) == "COLUMN_REF"
            ? Str(item["column_names"]!.AsArray()[^1])
            : null;
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static AmcThresholdClass Max(AmcThresholdClass a, AmcThresholdClass b) => a > b ? a : b;

    private static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Source(AmcField? Field, JsonObject? Item, JsonObject? Node, Scope? Scope);

    private sealed record Relation(
        string Alias, AmcTable? Table, JsonObject? Node, IReadOnlyList<string> Aliases, Scope? Scope);

    private sealed record UserSource(string Column, bool IsSingleUser)
    {
        public string AsList => IsSingleUser ? $"[{Column}]" : Column;
    }

    private sealed record CteEntry(
        string Name, JsonObject Node, IReadOnlyList<string> Aliases, Scope Scope, bool HasUsers);

    /// <summary>The CTEs visible at a point of the query, innermost first.</summary>
    private sealed class Scope
    {
        public static readonly Scope Empty = new(null, null);

        private readonly CteEntry? _entry;
        private readonly Scope? _parent;

        private Scope(CteEntry? entry, Scope? parent)
        {
            _entry = entry;
            _parent = parent;
        }

        public CteEntry? Find(string name)
        {
            for (var scope = this; scope is not null; scope = scope._parent)
            {
                if (scope._entry is not null
                    && string.Equals(scope._entry.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return scope._entry;
                }
            }

            return null;
        }

        public Scope Add(string name, JsonObject node, IReadOnlyList<string> aliases, bool hasUsers) =>
            new(new CteEntry(name, node, aliases, this, hasUsers), this);

        /// <summary>This scope plus the CTEs a node declares (for lineage, where users do not matter).</summary>
        public Scope With(JsonObject node)
        {
            var scope = this;
            if (node["cte_map"]?["map"] is JsonArray ctes)
            {
                foreach (var entry in ctes.OfType<JsonObject>())
                {
                    if (entry["value"]?["query"]?["node"] is JsonObject cteNode)
                    {
                        var aliases = entry["value"]?["aliases"]?.AsArray().Select(a => (string)a!).ToList() ?? [];
                        scope = scope.Add((string)entry["key"]!, cteNode, aliases, false);
                    }
                }
            }

            return scope;
        }
    }
}
