print("parindex")
