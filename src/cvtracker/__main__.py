from cvtracker.cli import main

main()
