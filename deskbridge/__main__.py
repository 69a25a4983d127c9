from deskbridge.cli.main import main

raise SystemExit(main())
