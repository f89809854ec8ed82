from dangvu.manage import main

main()
