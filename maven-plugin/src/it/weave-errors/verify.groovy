// The build failed with one compiler-style error per rejected method, then the goal's failure.
def log = new File(basedir, 'build.log').text
def sources = new File(basedir, 'src/main/java/com/acme').absolutePath

def model = log.readLines().find { it.startsWith("[ERROR] ${sources}/Model.java:[12] ") }
assert model != null : log
assert model.contains('Model.loss(double): ')
assert model.contains('stored into the field Model.cache')

def solver = log.readLines().find { it.startsWith("[ERROR] ${sources}/Solver.java:[14] ") }
assert solver != null : log
assert solver.contains('Solver.step(double): ')
assert solver.contains('stored into the field Solver.last')

assert log.contains('2 methods cannot be differentiated (listed above); nothing was woven')
// Nothing was written: the class files are as the compiler left them.
def classes = new File(basedir, 'target/classes/com/acme/Model.class').bytes
assert !new String(classes, 'ISO-8859-1').contains('cotangent$')
return true
