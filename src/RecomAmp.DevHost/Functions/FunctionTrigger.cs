namespace RecomAmp.DevHost.Functions;

/// <summary>
/// The triggers DevHost runs. Orchestrations and activities are class-based tasks, not functions.
/// </summary>
internal enum FunctionTrigger
{
    Http,
    Timer,
}
