namespace RecomAmp.DevHost.Functions;

/// <summary>
/// Produces one argument of a function call. False means the request does not fit the function (a route value
/// that does not convert), which DevHost answers like a routing miss.
/// </summary>
internal delegate bool ParameterBinder(FunctionInvocation invocation, out object? value);
