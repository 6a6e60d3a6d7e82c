using IncidentExchange.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddIncxNode();
builder.AddIncxMessaging();
builder.AddIncxGrpc();

var app = builder.Build();

app.MapIncxGrpc();

app.Run();

/// <summary>Entry point; public so integration tests can host the gateway in-process.</summary>
public partial class Program;
