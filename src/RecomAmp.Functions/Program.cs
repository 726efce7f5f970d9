using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;
using RecomAmp.Core.Orchestration;
using RecomAmp.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddRecomAmpFunctions(builder.Configuration);

// Class-based orchestrators and activities need no [Function] wrappers: the Durable extension's metadata
// transformer turns every task in this registry into an orchestrationTrigger or activityTrigger function when
// the host asks the worker for its functions (worker indexing), and runs it through its own executor.
// DevHost registers the same list on its in-process backend.
builder.ConfigureDurableWorker().AddTasks(registry => registry.AddRecomAmpTasks());

builder.Build().Run();
