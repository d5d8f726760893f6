/// Demo capsules on urban strategy and metropolitan governance: lessons and quizzes
/// written for the demo.
extension DemoCapsules {
    static let strategy = Content(
        slug: "capsula-estrategia-urbana", hours: 2,
        lessons: [
            Lesson(
                title: "Plan de gobierno y estrategia urbana: dos horizontes",
                body: """
                    Un plan de gobierno dura lo que dura un mandato: ordena las promesas de campaña en programas, presupuestos y plazos de cuatro o cinco años. Una **estrategia urbana** mira más lejos, a quince o veinte años, y no pertenece a un gobierno sino a la ciudad: la acuerdan el municipio, las empresas, las universidades, las organizaciones sociales y los barrios.

                    No compiten entre sí. La estrategia fija el rumbo compartido (qué ciudad queremos ser) y cada plan de gobierno decide qué tramo de ese camino recorre y con qué recursos. Cuando falta la estrategia, cada cambio de gobierno empieza de cero; cuando falta el plan, la estrategia se queda en un documento bonito.

                    # Por qué conviene tener las dos

                    - La estrategia da **continuidad**: los grandes proyectos (un sistema de transporte, la recuperación de un río) necesitan más de un mandato.
                    - El plan de gobierno da **capacidad de ejecución**: presupuesto, responsables y metas anuales.
                    - Juntas permiten rendir cuentas: la ciudadanía puede ver qué parte del rumbo común avanzó cada gobierno.

                    En la red, las ciudades que sostienen su estrategia más allá de un mandato suelen haberla aprobado con un acuerdo amplio en el concejo y con una mesa de actores que sigue reuniéndose después de las elecciones.
                    """,
                video: "https://video.red-ciudades.example/estrategia-urbana/dos-horizontes",
                readings: [("Nueva Agenda Urbana (ONU-Hábitat)", "https://unhabitat.org/about-us/new-urban-agenda")]),
            Lesson(
                title: "Las fases de una estrategia: del diagnóstico a los proyectos",
                body: """
                    Casi todas las estrategias urbanas recorren las mismas cinco fases, aunque cada ciudad les ponga nombres distintos.

                    1. **Diagnóstico**: qué tiene la ciudad y qué le falta, con datos (población, empleo, vivienda, ambiente) y con la mirada de los actores. Un buen diagnóstico no es un inventario: señala tendencias y problemas críticos.
                    2. **Visión**: una frase breve y compartida sobre la ciudad deseada a quince o veinte años. Sirve para decir que no a lo que no encaja.
                    3. **Líneas estratégicas**: entre cuatro y seis grandes ejes (por ejemplo, economía del conocimiento, ciudad compacta y verde, cohesión social) que bajan la visión a prioridades.
                    4. **Proyectos**: iniciativas concretas, con responsable, costo estimado y fuente de financiamiento. Un proyecto estructurante es el que mueve varias líneas a la vez.
                    5. **Seguimiento**: indicadores, informes periódicos y espacios para corregir el rumbo.

                    El error más frecuente es saltar del diagnóstico a una lista larga de proyectos sin pasar por la visión ni priorizar. El resultado es una "carta a los Reyes Magos" que nadie puede financiar. Priorizar significa elegir pocos proyectos estructurantes y explicar por qué se dejan otros para después.

                    La participación atraviesa todas las fases: no basta con consultar al final un documento cerrado.
                    """,
                readings: [("Guía de planificación urbana y territorial (ONU-Hábitat)", "https://unhabitat.org/international-guidelines-on-urban-and-territorial-planning")]),
            Lesson(
                title: "Seguimiento y gobernanza de la estrategia",
                body: """
                    Una estrategia vive si alguien se ocupa de ella todos los meses. Por eso la mayoría de las ciudades que la sostienen crean una **oficina o equipo técnico** pequeño, con capacidad de convocar a las áreas municipales, y un **consejo o mesa de actores** que se reúne dos o tres veces al año para revisar avances.

                    # Indicadores que se puedan medir

                    Para cada línea estratégica conviene elegir pocos indicadores, con una línea de base y una meta, y que se puedan medir con datos que el municipio ya produce o puede conseguir cada año. Mejor cinco indicadores que se actualizan que cuarenta que nadie mide.

                    # Rendir cuentas

                    Un informe anual breve, publicado y presentado en el concejo, cuenta qué se avanzó, qué se retrasó y por qué. Los tableros en línea ayudan, pero no reemplazan la conversación pública sobre los resultados.

                    # Sobrevivir al cambio de gobierno

                    Las estrategias que resisten los cambios de gobierno tienen tres rasgos: un acuerdo político amplio al aprobarlas, actores externos al municipio que las reclaman y proyectos ya en marcha que nadie quiere detener.
                    """),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Repase lo esencial antes de responder: la diferencia entre plan de gobierno y estrategia, las cinco fases y las condiciones para que una estrategia sobreviva a los cambios de gobierno.

                    Cada intento sortea algunas preguntas de un banco más grande y cambia el orden de las respuestas. Para aprobar hace falta responder bien al menos el 70 % de las preguntas.
                    """),
        ],
        quiz: Quiz(passing: 70, attempts: 3, draw: 4, review: .questions, questions: [
            q("¿Cuál es el horizonte habitual de una estrategia urbana?", [
                wrong("El de un mandato, cuatro o cinco años", "Ese es el horizonte del plan de gobierno."),
                right("Quince a veinte años", "La estrategia mira más allá de un mandato."),
                wrong("Un año, como el presupuesto", "El presupuesto anual ejecuta una parte del plan de gobierno."),
            ]),
            q("¿Quién es dueño de una estrategia urbana?", [
                wrong("El alcalde o la alcaldesa que la impulsa", "Si depende de una persona, cae con su mandato."),
                right("La ciudad: municipio, empresas, universidades, organizaciones y barrios", "Por eso se acuerda con los actores."),
                wrong("Una consultora externa", "Puede ayudar a redactarla, pero no la sostiene."),
            ]),
            q("¿Qué fase suele saltarse cuando una estrategia termina siendo una lista de proyectos imposible de financiar?", [
                wrong("El diagnóstico", "El diagnóstico suele hacerse; el salto ocurre después."),
                right("La visión y la priorización", "Sin visión ni prioridades, todo entra en la lista."),
                wrong("El seguimiento", "El seguimiento llega después de elegir los proyectos."),
            ]),
            q("¿Qué caracteriza a un proyecto estructurante?", [
                right("Mueve varias líneas estratégicas a la vez", "Por eso conviene priorizarlo."),
                wrong("Es el de mayor presupuesto", "El tamaño no lo hace estructurante."),
                wrong("Lo ejecuta una sola área municipal", "Suele necesitar a varias áreas y actores."),
            ]),
            q("¿Qué rasgos ayudan a que una estrategia sobreviva a un cambio de gobierno?", multiple: true, [
                right("Un acuerdo político amplio al aprobarla", "Reduce la tentación de empezar de cero."),
                right("Actores externos al municipio que la reclaman", "La sostienen desde fuera del gobierno."),
                right("Proyectos ya en marcha", "Nadie quiere detener lo que avanza."),
                wrong("Que se apruebe al final del mandato", "Cuanto más tarde, menos tiempo para arraigarla."),
            ]),
            q("¿Qué indicadores conviene elegir para el seguimiento?", [
                wrong("Todos los disponibles, cuantos más mejor", "Cuarenta indicadores que nadie mide no sirven."),
                right("Pocos, con línea de base y meta, que se puedan medir cada año", "Así el seguimiento se sostiene."),
                wrong("Solo los que muestran avances", "El seguimiento también debe mostrar retrasos."),
            ]),
            q("¿Cómo se relacionan la estrategia y el plan de gobierno?", [
                wrong("El plan reemplaza a la estrategia cuando empieza un mandato", "Justamente eso provoca empezar de cero."),
                right("La estrategia fija el rumbo y cada plan decide qué tramo recorre", "Son complementarios."),
                wrong("No tienen relación", "Se necesitan mutuamente."),
            ]),
        ]))

    static let metropolitan = Content(
        slug: "capsula-gobernanza-metropolitana", hours: 2,
        lessons: [
            Lesson(
                title: "La ciudad real no cabe en el municipio",
                body: """
                    Quien vive en un municipio periférico y trabaja en la ciudad central cruza cada día un límite administrativo que no ve. El agua, los residuos, el transporte, el mercado de vivienda y la contaminación tampoco lo ven. Esa **ciudad real**, el área metropolitana, suele estar gobernada por diez, veinte o cincuenta municipios que deciden por separado.

                    Las consecuencias son conocidas: líneas de bus que mueren en el límite municipal, rellenos sanitarios que nadie quiere en su territorio, suelo urbanizado sin servicios en la periferia y competencia entre municipios por atraer inversiones con rebajas de impuestos.

                    # Qué se gana cooperando

                    - **Escala**: un sistema de transporte o una planta de tratamiento cuestan menos por habitante si sirven a toda el área.
                    - **Equidad**: los municipios periféricos, con menos recursos, acceden a servicios que solos no podrían sostener.
                    - **Coherencia**: el suelo, la vivienda y la movilidad se planifican juntos.

                    La pregunta no es si cooperar, sino cómo hacerlo sin que ningún municipio sienta que pierde su autonomía.
                    """,
                readings: [("Gobernanza metropolitana (OCDE)", "https://www.oecd.org/regional/")]),
            Lesson(
                title: "Modelos de coordinación metropolitana",
                body: """
                    No hay un modelo único. Las áreas metropolitanas de Iberoamérica combinan, de menor a mayor integración, estos cuatro:

                    1. **Acuerdos voluntarios**: convenios entre municipios para un tema (un consorcio de residuos, una tarjeta de transporte común). Son rápidos de crear y fáciles de abandonar.
                    2. **Asociaciones o mancomunidades**: una entidad con estatutos, en la que los municipios delegan algunas funciones y aportan recursos. Ganan estabilidad, pero dependen de la voluntad de sus socios.
                    3. **Agencias sectoriales**: un organismo metropolitano para un servicio concreto, como el transporte o el agua, con capacidad técnica propia.
                    4. **Gobiernos metropolitanos**: una autoridad creada por ley, con competencias, presupuesto y a veces autoridades elegidas. Es el modelo más fuerte y el más difícil de aprobar.

                    # Cómo elegir

                    Conviene empezar por el problema que más duele y que nadie puede resolver solo. Un primer acuerdo exitoso (por ejemplo, integrar las tarifas del transporte) crea la confianza que luego permite pasar a formas más estables. Forzar un gobierno metropolitano sin esa confianza suele terminar en una institución vacía.
                    """),
            Lesson(
                title: "Financiar y decidir juntos",
                body: """
                    La cooperación metropolitana se rompe casi siempre por dos preguntas: **quién paga** y **quién decide**.

                    # Quién paga

                    Las fórmulas más usadas combinan aportes según población, según uso del servicio y según capacidad fiscal de cada municipio. Un fondo metropolitano con aportes también del gobierno nacional o regional ayuda a compensar a los municipios más pobres, que son justamente los que más necesitan el servicio.

                    # Quién decide

                    Si los votos se reparten por población, la ciudad central decide sola; si cada municipio tiene un voto, los pequeños pueden bloquear todo. Muchos consejos metropolitanos usan **mayorías dobles**: una decisión necesita a la vez la mayoría de los municipios y la mayoría de la población representada.

                    # Un primer paso práctico

                    Mapear las competencias compartidas: para cada servicio (transporte, agua, residuos, suelo, seguridad) anotar qué municipio, qué nivel de gobierno y qué empresa actúa hoy. Ese mapa suele mostrar vacíos y duplicaciones que son el mejor argumento para empezar a cooperar.
                    """),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Antes de responder, repase por qué la ciudad real supera al municipio, los cuatro modelos de coordinación y las dos preguntas que suelen romper la cooperación.

                    Cada intento sortea cuatro preguntas del banco. Se aprueba con el 75 %.
                    """),
        ],
        quiz: Quiz(passing: 75, attempts: 3, draw: 4, review: .feedback, questions: [
            q("¿Qué es la «ciudad real» en un área metropolitana?", [
                right("El territorio donde la gente vive, trabaja y se mueve, más allá de los límites municipales", "Por eso sus problemas exceden a cada municipio."),
                wrong("El municipio central", "La ciudad central es solo una parte del área."),
                wrong("El casco histórico", "No se trata de la zona más antigua."),
            ]),
            q("¿Cuál de estos modelos es el más fácil de crear y también de abandonar?", [
                right("Los acuerdos voluntarios entre municipios", "Son rápidos, pero frágiles."),
                wrong("El gobierno metropolitano creado por ley", "Es el más estable y el más difícil de aprobar."),
                wrong("La agencia sectorial", "Tiene estructura técnica propia y dura más."),
            ]),
            q("¿Qué ventajas trae cooperar a escala metropolitana?", multiple: true, [
                right("Servicios más baratos por habitante gracias a la escala", "La escala reduce costos."),
                right("Acceso a servicios para municipios con menos recursos", "Es una ganancia de equidad."),
                right("Planificar juntos suelo, vivienda y movilidad", "Es una ganancia de coherencia."),
                wrong("Que cada municipio pierda su autonomía", "Cooperar bien no exige perderla."),
            ]),
            q("¿Por dónde conviene empezar a cooperar?", [
                wrong("Por crear de inmediato un gobierno metropolitano", "Sin confianza previa suele quedar vacío."),
                right("Por el problema que más duele y nadie puede resolver solo", "Un primer éxito crea confianza."),
                wrong("Por los temas menos conflictivos aunque no importen", "Sin un problema real, la cooperación no moviliza."),
            ]),
            q("¿Qué es una «mayoría doble» en un consejo metropolitano?", [
                right("Exigir la mayoría de los municipios y la de la población representada", "Evita que decida solo la ciudad central o que bloqueen los pequeños."),
                wrong("Votar dos veces cada decisión", "No se trata de repetir la votación."),
                wrong("Que el voto de la ciudad central valga el doble", "Eso concentraría aún más el poder."),
            ]),
            q("¿Qué suele mostrar un mapa de competencias compartidas?", [
                right("Vacíos y duplicaciones entre municipios, niveles de gobierno y empresas", "Son el mejor argumento para cooperar."),
                wrong("Los límites municipales", "Los límites ya se conocen; el mapa es de funciones."),
                wrong("La población de cada municipio", "Ese dato no basta para ver quién hace qué."),
            ]),
            q("¿Qué ayuda a compensar a los municipios más pobres al financiar un servicio común?", [
                wrong("Que todos aporten lo mismo", "Así pagan más, en proporción, los que menos tienen."),
                right("Un fondo con aportes según capacidad fiscal y apoyo nacional o regional", "Reparte el esfuerzo con más justicia."),
                wrong("Que pague solo quien usa el servicio", "Dejaría fuera a quienes más lo necesitan."),
            ]),
        ]))
}
