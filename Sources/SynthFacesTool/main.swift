print("synthfaces")
