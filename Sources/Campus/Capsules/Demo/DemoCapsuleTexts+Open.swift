/// Demo capsules on open data, citizen participation and (in English) voluntary local
/// reviews of the Sustainable Development Goals.
extension DemoCapsules {
    static let openData = Content(
        slug: "capsula-datos-abiertos", hours: 2,
        lessons: [
            Lesson(
                title: "Por qué abrir los datos",
                body: """
                    Los **datos abiertos** son datos que cualquiera puede usar, reutilizar y redistribuir libremente, con la sola condición, a lo sumo, de citar la fuente. Para un municipio significa publicar la información que ya produce (presupuesto, contratos, obras, transporte, servicios) en formatos que se puedan procesar, no solo en documentos para leer.

                    # Tres razones

                    - **Rendir cuentas**: cualquiera puede revisar en qué se gasta y cómo avanzan las obras.
                    - **Crear valor**: empresas, periodistas, universidades y organizaciones construyen servicios y análisis que el municipio no haría solo.
                    - **Gestionar mejor**: las propias áreas municipales encuentran más fácil los datos de las otras.

                    Abrir datos no es lo mismo que transparencia total: los datos personales y los que afectan a la seguridad se protegen. La regla práctica es **abierto por defecto**, con excepciones justificadas y públicas.
                    """,
                readings: [("Carta Internacional de Datos Abiertos", "https://opendatacharter.org/")]),
            Lesson(
                title: "Qué publicar primero",
                body: """
                    Con pocos recursos conviene empezar por conjuntos de datos que la gente pide y que el municipio ya tiene ordenados. Una lista prioritaria habitual:

                    1. **Presupuesto y su ejecución**, por programa y por mes.
                    2. **Contratos y compras**, con proveedor, monto y objeto.
                    3. **Obras públicas**, con ubicación, avance y costo.
                    4. **Servicios y equipamientos**: escuelas, centros de salud, parques, con su ubicación.
                    5. **Transporte**: recorridos, paradas y horarios en un formato estándar como GTFS.

                    # Cómo publicarlos

                    - En formatos abiertos y procesables (CSV, JSON), además del PDF si se quiere.
                    - Con una **licencia abierta** clara.
                    - Con una ficha que explique qué contiene cada columna, quién lo produce y cada cuánto se actualiza.
                    - Actualizados con regularidad: un conjunto de hace tres años genera desconfianza.

                    Un portal sencillo que se mantiene vale más que una plataforma compleja que nadie actualiza.
                    """),
            Lesson(
                title: "Que alguien los use",
                body: """
                    Publicar es la mitad del trabajo. Los datos abiertos crean valor cuando alguien los usa, y eso rara vez ocurre solo.

                    # Cómo conseguirlo

                    - **Preguntar a quién le sirven**: periodistas locales, universidades, cámaras de comercio, organizaciones vecinales. Sus pedidos orientan qué abrir después.
                    - **Organizar encuentros**: jornadas de datos o desafíos con problemas reales del municipio, con la presencia de las áreas que producen los datos.
                    - **Usarlos dentro del municipio**: si los tableros internos se alimentan de los mismos datos abiertos, su calidad mejora porque alguien depende de ellos.
                    - **Contar los usos**: mostrar en el portal las aplicaciones, notas y estudios hechos con los datos.

                    # Medir

                    Más allá de las descargas, interesa saber qué decisiones o servicios surgieron de los datos y cuántas consultas de información pública dejaron de ser necesarias porque la respuesta ya estaba publicada.
                    """,
                readings: [("Índice de Datos Abiertos de Ciudades (ejemplo de guía)", "https://opendatacharter.org/resources/")]),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Repase qué son los datos abiertos, qué conjuntos publicar primero y cómo lograr que alguien los use.

                    Cada intento sortea cuatro preguntas; se aprueba con el 70 %.
                    """),
        ],
        quiz: Quiz(passing: 70, attempts: 3, draw: 4, review: .questions, questions: [
            q("¿Qué hace que un dato sea abierto?", [
                right("Que cualquiera pueda usarlo, reutilizarlo y redistribuirlo libremente", "A lo sumo se pide citar la fuente."),
                wrong("Que esté publicado en un PDF en la web", "Un PDF se lee, pero cuesta procesarlo."),
                wrong("Que sea gratuito para consultar en la oficina", "Debe poder reutilizarse libremente."),
            ]),
            q("¿Qué significa «abierto por defecto»?", [
                right("Publicar salvo excepciones justificadas y públicas, como los datos personales", "Se protege lo que debe protegerse."),
                wrong("Publicar absolutamente todo", "Los datos personales se protegen."),
                wrong("Publicar solo lo que alguien pide por escrito", "Eso es acceso a la información a pedido."),
            ]),
            q("¿Qué conjuntos suelen estar en la lista prioritaria?", multiple: true, [
                right("Presupuesto y su ejecución", "Es de los más pedidos."),
                right("Contratos y compras", "Permite rendir cuentas."),
                right("Recorridos y horarios del transporte", "Alimenta muchas aplicaciones."),
                wrong("Los correos electrónicos del personal", "Son datos personales."),
            ]),
            q("¿Qué formato se usa habitualmente para publicar datos de transporte?", [
                right("GTFS", "Es un estándar para recorridos, paradas y horarios."),
                wrong("DOCX", "Es un documento de texto."),
                wrong("JPG", "Es una imagen."),
            ]),
            q("¿Qué debe acompañar a cada conjunto publicado?", [
                right("Una ficha con el significado de cada columna, quién lo produce y cada cuánto se actualiza", "Sin ella, cuesta usarlo bien."),
                wrong("Un comunicado de prensa", "Puede ayudar a difundirlo, pero no lo explica."),
                wrong("Una contraseña de acceso", "Lo cerraría."),
            ]),
            q("¿Por qué conviene que el municipio use sus propios datos abiertos?", [
                right("Porque si alguien depende de ellos, su calidad mejora", "El uso interno sostiene la calidad."),
                wrong("Porque así no hace falta publicarlos", "Se trata de usarlos y publicarlos."),
                wrong("Porque los datos internos son siempre mejores", "No necesariamente."),
            ]),
            q("¿Qué vale más?", [
                right("Un portal sencillo que se mantiene actualizado", "La regularidad genera confianza."),
                wrong("Una plataforma compleja que nadie actualiza", "Los datos viejos generan desconfianza."),
                wrong("Publicar todo una sola vez al inicio del mandato", "Sin actualizaciones pierden valor."),
            ]),
        ]))

    static let participation = Content(
        slug: "capsula-participacion-ciudadana", hours: 2,
        lessons: [
            Lesson(
                title: "Participar para decidir",
                body: """
                    La participación ciudadana incide en las decisiones cuando la ciudadanía puede cambiar algo: el destino de una parte del presupuesto, el diseño de un proyecto, las prioridades de un plan. Cuando solo se informa de lo ya decidido, o se consulta sin intención de escuchar, la participación desgasta la confianza en lugar de construirla.

                    # Niveles de participación

                    1. **Informar**: dar a conocer una decisión. Necesario, pero no es participar.
                    2. **Consultar**: pedir opinión, con el compromiso de explicar qué se hizo con ella.
                    3. **Involucrar**: trabajar con la ciudadanía a lo largo del proceso.
                    4. **Colaborar y decidir**: compartir o delegar la decisión, como en los presupuestos participativos.

                    Todos los niveles tienen su lugar. El error es prometer uno (decidir) y ofrecer otro (informar).

                    # Reglas claras desde el inicio

                    Qué se decide, con cuánto dinero, quién puede participar, cómo se vota y cuándo se conocerán los resultados: si esto no está escrito antes de empezar, el proceso quedará expuesto a sospechas.
                    """,
                video: "https://video.red-ciudades.example/participacion/decidir",
                readings: [("OCDE: Innovative Citizen Participation", "https://www.oecd.org/gov/open-government/innovative-citizen-participation.htm")]),
            Lesson(
                title: "Presupuestos participativos y consejos vecinales",
                body: """
                    # Presupuestos participativos

                    Nacidos en Porto Alegre a fines de los ochenta y extendidos por todo el mundo, permiten que los vecinos y vecinas propongan y voten proyectos para una parte del presupuesto municipal. Funcionan mejor cuando:

                    - el monto es significativo y está garantizado;
                    - los proyectos pasan por un análisis técnico de viabilidad antes del voto, explicado en lenguaje claro;
                    - se ejecutan en plazos razonables y se informa su avance.

                    # Consejos vecinales

                    Son espacios estables de diálogo entre el municipio y los barrios. Su valor está en la continuidad: conocen la historia de cada tema y permiten seguir los compromisos. Su riesgo, que los ocupen siempre las mismas personas. Conviene renovarlos y abrir otras vías para quienes no pueden asistir a reuniones.

                    # Consultas digitales

                    Amplían el alcance, sobre todo entre jóvenes, pero dejan fuera a quienes tienen menos acceso o habilidades digitales. Combinar lo digital con puntos presenciales en los barrios reduce esa brecha.
                    """),
            Lesson(
                title: "Devolver resultados y cuidar la confianza",
                body: """
                    El momento más descuidado de la participación es el final: contar qué pasó con lo que la gente propuso. La **devolución** explica qué se aceptó, qué no y por qué, y cuándo se ejecutará lo aprobado.

                    # Los errores que más desgastan la confianza

                    - Consultar sobre algo ya decidido.
                    - No ejecutar los proyectos votados, o ejecutarlos años después sin explicación.
                    - Cambiar las reglas a mitad del proceso.
                    - Convocar siempre a las mismas organizaciones y llamarlo participación ciudadana.

                    # Una lista de comprobación para su próximo proceso

                    1. ¿Está claro qué se decide y con qué recursos?
                    2. ¿Las reglas están publicadas antes de empezar?
                    3. ¿Hay vías para quienes no usan internet y para quienes no pueden ir a reuniones?
                    4. ¿Está prevista la devolución, con fecha?
                    5. ¿Hay un responsable de seguir la ejecución de lo acordado?
                    """),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Repase los niveles de participación, los presupuestos participativos y los consejos vecinales, y la importancia de la devolución.

                    Cada intento sortea cuatro preguntas; se aprueba con el 75 %.
                    """),
        ],
        quiz: Quiz(passing: 75, attempts: 3, draw: 4, review: .feedback, questions: [
            q("¿Cuándo incide la participación en las decisiones?", [
                right("Cuando la ciudadanía puede cambiar algo: presupuesto, diseño o prioridades", "Si no puede cambiar nada, no incide."),
                wrong("Cuando se informa bien de lo ya decidido", "Informar es necesario, pero no es participar."),
                wrong("Cuando participan muchas personas", "La cantidad no garantiza incidencia."),
            ]),
            q("¿Cuál es el error más grave al elegir un nivel de participación?", [
                right("Prometer uno, como decidir, y ofrecer otro, como informar", "Desgasta la confianza."),
                wrong("Empezar por informar", "Informar tiene su lugar."),
                wrong("Usar varios niveles en un mismo proceso", "Se pueden combinar."),
            ]),
            q("¿Qué hace que un presupuesto participativo funcione?", multiple: true, [
                right("Un monto significativo y garantizado", "Da sentido a participar."),
                right("Análisis técnico previo explicado en lenguaje claro", "Evita votar lo inviable."),
                right("Ejecución en plazos razonables con información de avance", "Sostiene la confianza."),
                wrong("Que lo decidan solo las autoridades al final", "Eso no sería participativo."),
            ]),
            q("¿Dónde nacieron los presupuestos participativos?", [
                right("En Porto Alegre, a fines de los años ochenta", "Luego se extendieron por todo el mundo."),
                wrong("En París, en los años sesenta", "No es su origen."),
                wrong("En Nueva York, en el siglo XXI", "Llegaron allí mucho después."),
            ]),
            q("¿Cuál es el riesgo de los consejos vecinales?", [
                right("Que los ocupen siempre las mismas personas", "Conviene renovarlos y abrir otras vías."),
                wrong("Que duren demasiado", "Su continuidad es un valor."),
                wrong("Que sean demasiado abiertos", "El problema suele ser el contrario."),
            ]),
            q("¿Qué explica una buena devolución?", [
                right("Qué se aceptó, qué no y por qué, y cuándo se ejecutará", "Es el momento más descuidado."),
                wrong("Solo el número de participantes", "Importa, pero no es la devolución."),
                wrong("Los proyectos aprobados, sin mencionar los rechazados", "Explicar los rechazos también es clave."),
            ]),
            q("¿Cómo reducir la brecha de las consultas digitales?", [
                right("Combinándolas con puntos presenciales en los barrios", "Llega a quienes tienen menos acceso digital."),
                wrong("Haciéndolas solo en línea", "Dejaría fuera a muchas personas."),
                wrong("Eliminándolas", "Amplían el alcance, sobre todo entre jóvenes."),
            ]),
        ]))

    /// The English capsule: its course row is defined here with its content.
    static let localReviews = Content(
        slug: "capsule-voluntary-local-reviews", hours: 3,
        lessons: [
            Lesson(
                title: "What a Voluntary Local Review is",
                body: """
                    A **Voluntary Local Review** (VLR) is a report in which a city or region looks at its own progress towards the Sustainable Development Goals (SDGs) of the 2030 Agenda. Countries present Voluntary National Reviews at the United Nations every few years; since 2018 a growing number of cities — New York, Buenos Aires, Mexico City, Bristol and many more — have done the same at the local level.

                    Nothing obliges a city to write one. Those that do usually want three things:

                    - **a common language** with national governments, international partners and funders;
                    - **a check on their own plans**: which goals their policies already serve, and where the gaps are;
                    - **accountability**: a public, periodic account of progress that outlasts a single administration.

                    A VLR is not a new plan. It reads the plans and data a city already has through the lens of the 17 goals and their targets.
                    """,
                video: "https://video.red-ciudades.example/sdg/voluntary-local-reviews",
                readings: [("UN DESA: Voluntary Local Reviews", "https://sdgs.un.org/topics/voluntary-local-reviews")]),
            Lesson(
                title: "Aligning local plans with the goals",
                body: """
                    The core of a review is an **alignment matrix**: every programme of the city's development plan in the rows, the 17 goals (or their targets) in the columns, and a mark wherever a programme contributes to a target.

                    # How to build it

                    1. Start from the plan and the budget, not from the goals: the question is what the city already does.
                    2. Involve each department: they know what their programmes really achieve.
                    3. Mark direct contributions only. If everything contributes to everything, the matrix says nothing.
                    4. Look at the empty columns: goals no programme serves are a conversation for the next plan.

                    # Local targets

                    Global targets are written for countries. A city translates the relevant ones into **local targets** it can influence and measure — for example, the share of households within walking distance of frequent public transport instead of a national transport indicator.
                    """),
            Lesson(
                title: "Indicators and the report",
                body: """
                    # Indicators you can measure

                    Choose indicators for which the city has data every year: administrative records, local surveys, census estimates. For each, write down the source, the baseline year and who updates it. A short set that is updated beats a long one that is not; many cities start with twenty to forty indicators.

                    Disaggregate where you can — by sex, age and neighbourhood — because averages hide who is being left behind, which is the central promise of the 2030 Agenda.

                    # Writing the report

                    A useful VLR is short and honest. A common structure:

                    1. the city's context and why it prepares the review;
                    2. how the review was made, and who took part;
                    3. progress goal by goal, with the indicators;
                    4. what is lagging, and what the city will do about it.

                    Publishing the data behind the report, and repeating it every two or three years with the same indicators, turns a one-off document into a tool for accountability.
                    """,
                readings: [("UN-Habitat: Guidelines for Voluntary Local Reviews", "https://unhabitat.org/topic/voluntary-local-reviews")]),
            Lesson(
                title: "Final self-assessment",
                body: """
                    Go over what a Voluntary Local Review is for, how to align local plans with the goals, and how to choose indicators.

                    Each attempt draws four questions from a larger bank and shuffles the answers. You pass with 75 %.
                    """),
        ],
        quiz: Quiz(passing: 75, attempts: 3, draw: 4, review: .feedback, questions: [
            q("What is a Voluntary Local Review?", [
                right("A city's or region's own report on its progress towards the SDGs", "It mirrors the national reviews, at the local level."),
                wrong("A new development plan required by the United Nations", "It is voluntary, and it reads existing plans."),
                wrong("An audit of the city's accounts", "It is about progress on the goals, not an audit."),
            ]),
            q("Where should an alignment matrix start?", [
                right("From the city's plan and budget: what the city already does", "Then each programme is read against the goals."),
                wrong("From the 17 goals, inventing a programme for each", "That would be a new plan, not a review."),
                wrong("From a consultant's template alone", "Departments know what their programmes achieve."),
            ]),
            q("Why mark only direct contributions in the matrix?", [
                right("Because if everything contributes to everything, the matrix says nothing", "Being strict makes the gaps visible."),
                wrong("Because indirect contributions are forbidden", "They are not forbidden, just not informative."),
                wrong("To make the report shorter", "Length is not the point."),
            ]),
            q("What makes a good local indicator?", multiple: true, [
                right("The city has data for it every year", "Otherwise it cannot be followed."),
                right("Its source, baseline and owner are written down", "So it can be updated consistently."),
                right("It can be broken down by sex, age or neighbourhood", "Averages hide who is left behind."),
                wrong("It matches a national indicator word for word, whatever the city can measure", "Local targets should be ones the city can influence and measure."),
            ]),
            q("What do empty columns in the alignment matrix show?", [
                right("Goals that no programme serves: a conversation for the next plan", "They point to gaps."),
                wrong("Mistakes in the matrix that must be filled", "They are information, not errors."),
                wrong("Goals that do not apply to cities", "Most goals have local relevance."),
            ]),
            q("What turns a review into a tool for accountability?", [
                right("Publishing its data and repeating it with the same indicators", "Progress can then be compared over time."),
                wrong("Presenting it once at an international event", "A one-off document is soon forgotten."),
                wrong("Making it as long as possible", "A short, honest report is more useful."),
            ]),
            q("Since when have cities presented Voluntary Local Reviews in growing numbers?", [
                right("Since about 2018", "New York was among the first."),
                wrong("Since 1992", "That is the year of the Rio Earth Summit."),
                wrong("Only since 2030", "2030 is the Agenda's horizon."),
            ]),
        ]))
}
