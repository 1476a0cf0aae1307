using System.CommandLine;
using VilTracker.Cli.Commands;
using VilTracker.Diagnostics;

TorchRuntime.DisableNnpack();
var root = new RootCommand("viltrack: Vision-LSTM single-object tracker for drone video (track, train, evaluate, export).");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return root.Parse(args).Invoke();
