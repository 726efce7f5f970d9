namespace RecomAmp.Sandbox.Amc;

/// <summary>The AMC API calls the Sandbox serves, as fault injection names them.</summary>
public enum AmcOperation
{
    ListAccounts,
    ListInstances,
    GetInstance,
    CreateWorkflow,
    ListWorkflows,
    GetWorkflow,
    UpdateWorkflow,
    DeleteWorkflow,
    CreateExecution,
    GetExecution,
    ListExecutions,
    CancelExecution,
    GetDownloadUrls,
    Download,
}
