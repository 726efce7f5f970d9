namespace RecomAmp.Core.Amc;

/// <summary>Names of the AMC calls, as logs and the retry pipeline report them.</summary>
internal static class AmcOperation
{
    public const string GetInstance = "GetInstance";
    public const string CreateWorkflow = "CreateWorkflow";
    public const string UpdateWorkflow = "UpdateWorkflow";
    public const string DeleteWorkflow = "DeleteWorkflow";
    public const string CreateExecution = "CreateExecution";
    public const string GetExecution = "GetExecution";
    public const string ListExecutions = "ListExecutions";
    public const string CancelExecution = "CancelExecution";
    public const string GetDownloadUrls = "GetDownloadUrls";
    public const string Download = "Download";
}
