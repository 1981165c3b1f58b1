import Commands

BrickyardCommand.main()
