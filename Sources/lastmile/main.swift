print("lastmile")
