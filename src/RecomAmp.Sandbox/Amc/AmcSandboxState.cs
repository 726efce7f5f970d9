using System.Collections.Concurrent;

namespace RecomAmp.Sandbox.Amc;

/// <summary>The Sandbox AMC's saved workflows and executions, in memory (lost when the process stops).</summary>
internal sealed class AmcSandboxState
{
    private readonly Lock _admission = new();
    private readonly ConcurrentDictionary<(string Instance, string Workflow), AmcWorkflow> _workflows = new();
    private readonly ConcurrentDictionary<string, AmcExecution> _executions = new(StringComparer.Ordinal);

    public AmcWorkflow? FindWorkflow(string instanceId, string workflowId) =>
        _workflows.GetValueOrDefault((instanceId, workflowId));

    public bool TryAddWorkflow(AmcWorkflow workflow) =>
        _workflows.TryAdd((workflow.InstanceId, workflow.WorkflowId), workflow);

    public bool TryReplaceWorkflow(AmcWorkflow workflow)
    {
        var key = (workflow.InstanceId, workflow.WorkflowId);
        return _workflows.TryGetValue(key, out var current) && _workflows.TryUpdate(key, workflow, current);
    }

    public bool RemoveWorkflow(string instanceId, string workflowId) =>
        _workflows.TryRemove((instanceId, workflowId), out _);

    public IReadOnlyList<AmcWorkflow> Workflows(string instanceId) =>
        _workflows.Values.Where(w => w.InstanceId == instanceId)
            .OrderBy(w => w.CreateTime).ThenBy(w => w.WorkflowId, StringComparer.Ordinal).ToList();

    public AmcExecution? FindExecution(string instanceId, string executionId) =>
        _executions.TryGetValue(executionId, out var execution) && execution.InstanceId == instanceId
            ? execution
            : null;

    public IReadOnlyList<AmcExecution> Executions(string instanceId) =>
        _executions.Values.Where(e => e.InstanceId == instanceId).OrderBy(e => e.CreateTime).ToList();

    /// <summary>Adds the execution unless the instance already has <paramref name="maxActive"/> active ones.</summary>
    public bool TryAdmit(AmcExecution execution, int maxActive)
    {
        lock (_admission)
        {
            var active = _executions.Values.Count(e => e.InstanceId == execution.InstanceId && e.IsActive);
            if (active >= maxActive)
            {
                return false;
            }

            _executions[execution.ExecutionId] = execution;
            return true;
        }
    }
}
