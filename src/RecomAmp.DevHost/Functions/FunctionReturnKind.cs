namespace RecomAmp.DevHost.Functions;

/// <summary>The return types DevHost knows how to finish a call of.</summary>
internal enum FunctionReturnKind
{
    /// <summary><c>void</c>: nothing to await, no result.</summary>
    Void,

    /// <summary><c>Task</c>: awaited, no result.</summary>
    Task,

    /// <summary>An <c>IActionResult</c> (or a type implementing it).</summary>
    ActionResult,

    /// <summary><c>Task&lt;T&gt;</c> where T is an <c>IActionResult</c>.</summary>
    TaskOfActionResult,

    /// <summary><c>ValueTask&lt;T&gt;</c> where T is an <c>IActionResult</c>.</summary>
    ValueTaskOfActionResult,
}
