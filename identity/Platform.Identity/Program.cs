return Platform.Identity.IdentityProgram.Run(args);
