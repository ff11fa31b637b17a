using Portal.Cli;

return await PortalCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
