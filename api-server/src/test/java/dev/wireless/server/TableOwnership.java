package dev.wireless.server;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The check behind "only a table's owning package writes it", read from each class's bytecode.
 *
 * <p>A write is a call of {@code insertInto}, {@code update}, {@code deleteFrom}, {@code mergeInto}
 * or {@code truncate} on a {@code DSLContext} (the project builds every statement on
 * {@code SqlExecutor.SQL}). Its table is its first argument, so the first generated table the code
 * names after pushing that {@code DSLContext} is the table written: {@code Tables.X}, a constant or
 * field of a generated table type (an alias kept in the class), a local variable holding one (also
 * when a lambda captured it), or an alias made from one ({@code X.as("x")}). Tables named later in the statement (a join, a
 * sub-select, {@code from} of an update) are reads. A write whose table is none of these (built
 * from a string, passed in from elsewhere) is refused too: the rule can only be met by naming the
 * table at the write.
 */
final class TableOwnership {

  private static final String DSL_CONTEXT = "org/jooq/DSLContext";
  private static final String TABLES = "dev/wireless/persistence/jooq/Tables";
  private static final String TABLE_CLASSES = "dev/wireless/persistence/jooq/tables/";
  private static final Set<String> WRITES = Set.of("insertInto", "update", "deleteFrom", "mergeInto", "truncate");

  private TableOwnership() {
  }

  /** One write found in a class: where, and which table (null when the code does not name it). */
  record Write(String method, int line, String operation, String table) {
  }

  /**
   * Classes that write a table only when their package (or a package under it) owns it.
   *
   * @param owners  each table's owning package (a table missing here has no owner: any write fails)
   * @param waivers foreign tables a class (with its nested, anonymous and lambda code) may still
   *                write, until the write moves to the owner
   */
  static ArchCondition<JavaClass> writeOnlyOwnedTables(Map<String, String> owners, Map<String, Set<String>> waivers) {
    return new ArchCondition<>("write only the tables their package owns") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (Write write : writes(type)) {
          String where = type.getName() + "." + write.method() + " (line " + write.line() + ") " + write.operation();
          String owner = write.table() == null ? null : owners.get(write.table());
          if (write.table() == null) {
            events.add(SimpleConditionEvent.violated(type, where
                + " writes a table not named at the write (name the generated table there)"));
          } else if (owner == null) {
            events.add(SimpleConditionEvent.violated(type, where + " writes " + write.table()
                + ", which has no owning package in the table map"));
          } else if (!within(type.getPackageName(), owner) && !waived(waivers, type.getName(), write.table())) {
            events.add(SimpleConditionEvent.violated(type, where + " writes " + write.table() + ", owned by "
                + owner + " (ask that package's repository instead)"));
          }
        }
      }
    };
  }

  /** The jOOQ writes in the bytecode of {@code type}. */
  static List<Write> writes(JavaClass type) {
    Source source = type.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + type));
    try (InputStream in = source.getUri().toURL().openStream()) {
      List<Write> writes = new ArrayList<>();
      Map<String, List<String>> captures = new HashMap<>();
      new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
          WriteFinder finder = new WriteFinder(name, writes, captures);
          finder.parameterTables((access & Opcodes.ACC_STATIC) == 0, descriptor);
          return finder;
        }
      }, ClassReader.SKIP_FRAMES);
      return writes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Follows one method's instructions: every {@code DSLContext} pushed opens a statement whose
   * table is the first generated table named after it; the call on that {@code DSLContext} closes
   * it, and is recorded when it is a write. The tables among the values a lambda captures are
   * remembered for the lambda's method (compiled later in the same class), whose first parameters
   * they become.
   */
  private static final class WriteFinder extends MethodVisitor {

    private final String method;
    private final List<Write> writes;
    private final Map<String, List<String>> captures;
    private final Deque<String[]> statements = new ArrayDeque<>();
    private final Map<Integer, String> tableLocals = new HashMap<>();
    /** The tables (or nulls) of the locals loaded since the last other instruction: what a lambda captures. */
    private final List<String> pushed = new ArrayList<>();
    private String lastTable;
    private int line;

    WriteFinder(String method, List<Write> writes, Map<String, List<String>> captures) {
      super(Opcodes.ASM9);
      this.method = method;
      this.writes = writes;
      this.captures = captures;
    }

    /** The parameters of a lambda's method that hold tables its creator captured. */
    void parameterTables(boolean instance, String descriptor) {
      List<String> captured = captures.get(method);
      if (captured == null) {
        return;
      }
      int slot = instance ? 1 : 0;
      int first = instance ? 1 : 0; // an instance lambda captured this first
      Type[] parameters = Type.getArgumentTypes(descriptor);
      for (int i = 0; i < parameters.length && first + i < captured.size(); i++) {
        if (captured.get(first + i) != null) {
          tableLocals.put(slot, captured.get(first + i));
        }
        slot += parameters[i].getSize();
      }
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      this.line = line;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      pushed.clear();
      String table = null;
      if (opcode == Opcodes.GETSTATIC && owner.equals(TABLES)) {
        table = name.toLowerCase(Locale.ROOT);
      } else if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.GETFIELD) {
        table = tableClass(Type.getType(descriptor));
        if (descriptor.equals("L" + DSL_CONTEXT + ";")) {
          statements.push(new String[1]);
        }
      }
      named(table);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      lastTable = null;
      pushed.clear();
      if (owner.equals(DSL_CONTEXT) && opcode != Opcodes.INVOKESTATIC && !statements.isEmpty()) {
        String table = statements.pop()[0];
        if (WRITES.contains(name)) {
          writes.add(new Write(method, line, name, table));
        }
      }
      if (Type.getReturnType(descriptor).getInternalName().equals(DSL_CONTEXT)) {
        statements.push(new String[1]);
      } else if (owner.startsWith(TABLE_CLASSES) && name.equals("as")) {
        named(tableClass(Type.getObjectType(owner)));
      }
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      if (opcode == Opcodes.ASTORE) {
        if (lastTable != null) {
          tableLocals.put(var, lastTable);
        } else {
          tableLocals.remove(var);
        }
      }
      lastTable = null;
      if (opcode == Opcodes.ALOAD) {
        named(tableLocals.get(var));
        pushed.add(tableLocals.get(var));
      } else if (opcode >= Opcodes.ILOAD && opcode <= Opcodes.DLOAD) {
        pushed.add(null);
      } else {
        pushed.clear();
      }
    }

    @Override
    public void visitInsn(int opcode) {
      lastTable = null;
      pushed.clear();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      lastTable = null;
      pushed.clear();
    }

    @Override
    public void visitLdcInsn(Object value) {
      lastTable = null;
      pushed.clear();
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      lastTable = null;
      pushed.clear();
    }

    /** A lambda: its captured values are the last ones pushed, one per parameter of the call site. */
    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
      int captured = Type.getArgumentTypes(descriptor).length;
      if (arguments.length > 1 && arguments[1] instanceof Handle lambda && pushed.size() >= captured) {
        captures.put(lambda.getName(), new ArrayList<>(pushed.subList(pushed.size() - captured, pushed.size())));
      }
      lastTable = null;
      pushed.clear();
    }

    /** A generated table named by the instruction just visited (null: none). */
    private void named(String table) {
      lastTable = table;
      if (table != null && !statements.isEmpty() && statements.peek()[0] == null) {
        statements.peek()[0] = table;
      }
    }
  }

  /** The SQL name of a generated table class ({@code CommandJobs}: {@code command_jobs}), else null. */
  private static String tableClass(Type type) {
    if (type.getSort() != Type.OBJECT) {
      return null;
    }
    String name = type.getInternalName();
    if (!name.startsWith(TABLE_CLASSES) || name.indexOf('/', TABLE_CLASSES.length()) >= 0) {
      return null;
    }
    return name.substring(TABLE_CLASSES.length()).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static boolean within(String packageName, String owner) {
    return packageName.equals(owner) || packageName.startsWith(owner + ".");
  }

  /** Whether {@code table} is waived for the class or for the top-level class it is part of. */
  private static boolean waived(Map<String, Set<String>> waivers, String className, String table) {
    int nested = className.indexOf('$');
    return waivers.getOrDefault(className, Set.of()).contains(table)
        || nested > 0 && waivers.getOrDefault(className.substring(0, nested), Set.of()).contains(table);
  }
}
