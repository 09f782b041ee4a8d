from conflictwatch.cli import main

main()
