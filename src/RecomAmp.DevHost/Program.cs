using RecomAmp.DevHost;

// Serves the Functions app's HTTP functions under /api on http://localhost:7071 (as `func start` would), runs
// its timer functions and durable tasks in this process, and hosts the Sandbox under /sandbox. The usual
// --urls and ASPNETCORE_URLS choose another address. See DevHostApplication for how.
var builder = DevHostApplication.CreateBuilder(args);
var app = DevHostApplication.Build(builder);
await app.RunAsync();
