// The Datasets layer: see README "Code layout".
