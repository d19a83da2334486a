// First build: one compiler-style error per rejected method, then the goal's failure.
// Second build (failOnError=false): the same as warnings, and the rest woven.
def lines = new File(basedir, 'build.log').readLines()
def sources = new File(basedir, 'src/main/java/com/acme').absolutePath

for (level in ['ERROR', 'WARNING']) {
    def model = lines.find { it.startsWith("[${level}] ${sources}/Model.java:[12] ") }
    assert model != null : "no ${level} for Model.java"
    assert model.contains('Model.loss(double): ')
    assert model.contains('stored into the field Model.cache')

    def solver = lines.find { it.startsWith("[${level}] ${sources}/Solver.java:[14] ") }
    assert solver != null : "no ${level} for Solver.java"
    assert solver.contains('Solver.step(double): ')
    assert solver.contains('stored into the field Solver.last')
}
assert lines.any { it.contains('2 methods cannot be differentiated (listed above); nothing was woven') }
assert lines.any { it.startsWith('[INFO] Wove 1 class in ') }

def woven = { String name -> new String(new File(basedir, "target/classes/com/acme/${name}.class").bytes, 'ISO-8859-1')
        .contains('cotangent$') }
assert woven('Fine')
assert !woven('Model')
assert !woven('Solver')
return true
