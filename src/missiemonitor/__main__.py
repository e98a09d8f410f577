from missiemonitor.cli import main

main()
